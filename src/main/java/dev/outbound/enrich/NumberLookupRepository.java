package dev.outbound.enrich;

import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code number_lookup} table: the Lookup cache. */
@Repository
class NumberLookupRepository {
    private static final String FRESH = """
            SELECT e164, line_type, enrichment FROM number_lookup
            WHERE e164 IN (:numbers) AND fetched_at >= :since
            """;
    private static final String UPDATE = """
            UPDATE number_lookup SET line_type = :lineType, enrichment = :enrichment, fetched_at = :fetchedAt
            WHERE e164 = :e164
            """;
    private static final String INSERT = """
            INSERT INTO number_lookup (e164, line_type, enrichment, fetched_at)
            VALUES (:e164, :lineType, :enrichment, :fetchedAt)
            """;

    private final JdbcClient jdbc;

    NumberLookupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Answers fetched at or after {@code since}, by number. */
    Map<String, LookupResult> fresh(Collection<String> numbers, Instant since) {
        var out = new HashMap<String, LookupResult>();
        if (numbers.isEmpty()) {
            return out;
        }
        jdbc.sql(FRESH)
                .param("numbers", numbers)
                .param("since", Instants.toDb(since))
                .query(rs -> {
                    out.put(
                            rs.getString("e164"),
                            new LookupResult(rs.getString("line_type"), rs.getString("enrichment")));
                });
        return out;
    }

    /** Stores an answer; plain SQL both stores run (no upsert dialect needed for a cache). */
    void put(String e164, LookupResult result, Instant fetchedAt) {
        var params = new HashMap<String, Object>();
        params.put("e164", e164);
        params.put("lineType", result.lineType());
        params.put("enrichment", result.payloadJson());
        params.put("fetchedAt", Instants.toDb(fetchedAt));
        if (jdbc.sql(UPDATE).params(params).update() == 1) {
            return;
        }
        try {
            jdbc.sql(INSERT).params(params).update();
        } catch (DuplicateKeyException raced) {
            jdbc.sql(UPDATE).params(params).update();
        }
    }
}
