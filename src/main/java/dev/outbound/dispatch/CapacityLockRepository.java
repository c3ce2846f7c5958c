package dev.outbound.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code capacity_lock} rows: one per campaign or organization with a limit on attempts in
 * progress, locked by the claims that count toward it. A row of its own rather than the campaign's
 * or policy's row, so that an edit of either never waits on claims nor makes them wait in another
 * order.
 */
@Repository
class CapacityLockRepository {
    static final String CAMPAIGN = "campaign";
    static final String ORGANIZATION = "organization";

    // 'campaign' sorts before 'organization': one global order, campaigns first, by id.
    private static final String LOCK = """
            SELECT scope, owner_id FROM capacity_lock
            WHERE (scope = 'campaign' AND owner_id IN (:campaigns)) OR (scope = 'organization' AND owner_id IN (:organizations))
            ORDER BY scope, owner_id FOR UPDATE
            """;
    // ON CONFLICT DO NOTHING waits for a concurrent insert of the same row instead of failing.
    private static final String ADD_MISSING = """
            INSERT INTO capacity_lock (scope, owner_id) VALUES :rows ON CONFLICT DO NOTHING
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    CapacityLockRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Locks the rows of these campaigns and organizations until the transaction ends, creating
     * those that are missing (the first claim under a new limit). One statement when all exist.
     */
    void lock(Collection<Long> campaigns, Collection<Long> organizations) {
        int wanted = campaigns.size() + organizations.size();
        if (wanted == 0 || lockExisting(campaigns, organizations) == wanted) {
            return;
        }
        var rows = new ArrayList<Object[]>();
        new TreeSet<>(campaigns).forEach(id -> rows.add(new Object[] {CAMPAIGN, id}));
        new TreeSet<>(organizations).forEach(id -> rows.add(new Object[] {ORGANIZATION, id}));
        batch.update(ADD_MISSING, new MapSqlParameterSource("rows", rows));
        lockExisting(campaigns, organizations);
    }

    private int lockExisting(Collection<Long> campaigns, Collection<Long> organizations) {
        return jdbc.sql(LOCK)
                .param("campaigns", orNone(campaigns))
                .param("organizations", orNone(organizations))
                .query((rs, n) -> rs.getLong(2))
                .list()
                .size();
    }

    /** No id is negative: a placeholder keeps an empty list from being an empty IN (). */
    private static List<Long> orNone(Collection<Long> ids) {
        return ids.isEmpty() ? List.of(-1L) : List.copyOf(ids);
    }
}
