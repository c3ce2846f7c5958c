package dev.outbound.contact;

import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code contact} rows claims lock, one per person of an organization. */
@Repository
class ContactRepository {
    // ON CONFLICT DO NOTHING is the same on PostgreSQL and H2's PostgreSQL mode, and on both it
    // waits for a concurrent insert of the same person instead of failing.
    private static final String ADD_MISSING = """
            INSERT INTO contact (organization_id, contact_key) VALUES :rows ON CONFLICT DO NOTHING
            """;
    private static final String LOCK = """
            SELECT contact_key FROM contact WHERE organization_id = :org AND contact_key IN (:keys)
            ORDER BY contact_key FOR UPDATE
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    ContactRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Creates the rows of {@code sortedKeys} that are missing and locks them all, in key order. */
    void lock(long org, List<String> sortedKeys) {
        // One statement: its rows are inserted in the order given, the keys' order.
        batch.update(
                ADD_MISSING,
                new MapSqlParameterSource(
                        "rows",
                        sortedKeys.stream().map(k -> new Object[] {org, k}).toList()));
        jdbc.sql(LOCK)
                .param("org", org)
                .param("keys", sortedKeys)
                .query((rs, n) -> rs.getString(1))
                .list();
    }
}
