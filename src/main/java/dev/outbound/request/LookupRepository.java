package dev.outbound.request;

import dev.outbound.store.Instants;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code request} table as enrichment sees it: the lookup queue and the stored answers. */
@Repository
class LookupRepository {
    private static final String ENRICHMENT = """
            SELECT id, line_type, enrichment, created_at FROM request WHERE id IN (:ids)
            """;

    private static final String AWAITING_LOOKUP = """
            SELECT id, batch_pk, target FROM request
            WHERE id > :after AND status = 'PENDING' AND enrichment IS NULL AND target LIKE '+%'
            ORDER BY id LIMIT :limit
            """;

    private static final String MAX_ID = "SELECT COALESCE(MAX(id), 0) FROM request";

    private static final String ENRICH = """
            UPDATE request SET line_type = COALESCE(:lineType, line_type), enrichment = :enrichment
            WHERE id = :id
            """;

    private final JdbcClient jdbc;

    LookupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Enrichment> enrichment(Collection<Long> ids) {
        return jdbc.sql(ENRICHMENT)
                .param("ids", ids)
                .query((rs, n) -> new Enrichment(
                        rs.getLong("id"),
                        rs.getString("line_type"),
                        rs.getString("enrichment"),
                        Instants.readRequired(rs, "created_at")))
                .list();
    }

    List<LookupWork> awaitingLookup(long afterId, int limit) {
        return jdbc.sql(AWAITING_LOOKUP)
                .param("after", afterId)
                .param("limit", limit)
                .query((rs, n) -> new LookupWork(rs.getLong("id"), rs.getLong("batch_pk"), rs.getString("target")))
                .list();
    }

    long maxId() {
        return jdbc.sql(MAX_ID).query(Long.class).single();
    }

    void enrich(long id, @Nullable String lineType, String payloadJson) {
        jdbc.sql(ENRICH)
                .param("lineType", lineType)
                .param("enrichment", payloadJson)
                .param("id", id)
                .update();
    }
}
