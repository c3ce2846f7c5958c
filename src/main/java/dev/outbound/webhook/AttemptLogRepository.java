package dev.outbound.webhook;

import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webhook_attempt} table: every delivery attempt, for the delivery log. */
@Repository
class AttemptLogRepository {
    private static final String INSERT = """
            INSERT INTO webhook_attempt (event_pk, webhook_id, attempt_no, attempted_at, status_code, latency_ms,
                                         error, outcome, next_attempt_at)
            VALUES (:eventPk, :webhookId, :attemptNo, :attemptedAt, :code, :latencyMs, :error, :outcome, :next)
            """;
    private static final String RECENT = """
            SELECT e.event_id, a.attempt_no, a.attempted_at, a.status_code, a.latency_ms, a.error, a.outcome,
                   a.next_attempt_at
            FROM webhook_attempt a JOIN webhook_event e ON e.id = a.event_pk
            WHERE a.webhook_id = :webhookId ORDER BY a.id DESC LIMIT :limit
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    AttemptLogRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** One attempt row. */
    record Attempt(
            long eventPk,
            long webhookId,
            int attemptNo,
            Instant attemptedAt,
            @Nullable Integer code,
            long latencyMs,
            @Nullable String error,
            String outcome,
            @Nullable Instant next) {}

    /** Inserts the attempts in one round trip. */
    void insertAll(List<Attempt> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var params = new MapSqlParameterSource[rows.size()];
        for (int i = 0; i < params.length; i++) {
            Attempt a = rows.get(i);
            var p = new HashMap<String, @Nullable Object>();
            p.put("eventPk", a.eventPk());
            p.put("webhookId", a.webhookId());
            p.put("attemptNo", a.attemptNo());
            p.put("attemptedAt", Instants.toDb(a.attemptedAt()));
            p.put("code", a.code());
            p.put("latencyMs", a.latencyMs());
            p.put("error", a.error());
            p.put("outcome", a.outcome());
            p.put("next", Instants.toDb(a.next()));
            params[i] = new MapSqlParameterSource(p);
        }
        batch.batchUpdate(INSERT, params);
    }

    List<AttemptView> recent(long webhookId, int limit) {
        return jdbc.sql(RECENT)
                .param("webhookId", webhookId)
                .param("limit", limit)
                .query((rs, n) -> new AttemptView(
                        rs.getString("event_id"),
                        rs.getInt("attempt_no"),
                        Instants.readRequired(rs, "attempted_at"),
                        rs.getObject("status_code", Integer.class),
                        rs.getLong("latency_ms"),
                        rs.getString("error"),
                        rs.getString("outcome"),
                        Instants.read(rs, "next_attempt_at")))
                .list();
    }
}
