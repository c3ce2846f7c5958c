package dev.outbound.contact;

import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger of attempts per person ({@code contact_attempt}). */
@Repository
class ContactAttemptRepository {
    private static final String INSERT = """
            INSERT INTO contact_attempt (request_id, attempt_no, organization_id, contact_key, attempted_at)
            VALUES :rows
            """;
    private static final String SINCE = """
            SELECT contact_key, attempted_at, conversation_at FROM contact_attempt
            WHERE organization_id = :org AND contact_key IN (:keys) AND attempted_at > :since
            """;
    private static final String CONVERSATION = """
            UPDATE contact_attempt SET conversation_at = :at
            WHERE request_id = :requestId AND attempt_no = :attemptNo AND conversation_at IS NULL
            """;

    /** Rows per INSERT: five parameters each, well inside a statement's 32,767. */
    private static final int CHUNK = 1000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    ContactAttemptRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    void insertAll(List<ContactLedger.Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        // Multi-row VALUES, a chunk at a time: one statement per chunk instead of one per row.
        for (int i = 0; i < attempts.size(); i += CHUNK) {
            var rows = attempts.subList(i, Math.min(attempts.size(), i + CHUNK)).stream()
                    .map(a -> new Object[] {
                        a.requestId(), a.attemptNo(), a.organizationId(), a.contactKey(), Instants.toDb(a.at())
                    })
                    .toList();
            batch.update(INSERT, new MapSqlParameterSource("rows", rows));
        }
    }

    /** Each person's attempts and conversations since {@code since}. */
    Map<String, ContactHistory> since(long org, List<String> keys, Instant since) {
        var out = new HashMap<String, ContactHistory>();
        jdbc.sql(SINCE)
                .param("org", org)
                .param("keys", keys)
                .param("since", Instants.toDb(since))
                .query(rs -> {
                    var h = out.computeIfAbsent(rs.getString(1), k -> new ContactHistory(new ArrayList<>(), null));
                    h.attempts().add(Instants.readRequired(rs, "attempted_at"));
                    Instant conversation = Instants.read(rs, "conversation_at");
                    if (conversation != null) {
                        out.put(rs.getString(1), h.withConversation(conversation));
                    }
                });
        return out;
    }

    /** Stamps several attempts as conversations in one round trip. */
    void conversations(List<ContactLedger.Conversation> conversations) {
        batch.batchUpdate(
                CONVERSATION,
                conversations.stream()
                        .map(c -> new MapSqlParameterSource()
                                .addValue("requestId", c.requestId())
                                .addValue("attemptNo", c.attemptNo())
                                .addValue("at", Instants.toDb(c.at())))
                        .toArray(SqlParameterSource[]::new));
    }
}
