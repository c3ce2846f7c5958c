package dev.outbound.request;

import dev.outbound.store.Dialect;
import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code request} table as claims and leases see it: which node works on which request until
 * when, the provider's id of the current attempt, and what is in flight. Changes no status.
 */
@Repository
class LeaseRepository {
    private static final String SET_SID = """
            UPDATE request SET channel_manager_sid = :sid WHERE id = :id AND attempt_count = :attemptNo
            """;

    // Rows being recorded right now are skipped: their lease is renewed on the next round, and
    // waiting for them could deadlock with a recorder holding other locks.
    private static final String RENEW = """
            UPDATE request SET lease_until = :until
            WHERE id IN (SELECT id FROM request WHERE lease_owner = :node AND %1$s
                         AND id IN (:ids) ORDER BY id%2$s)
            """;

    private static final String LEASED_BY = """
            SELECT id FROM request
            WHERE id IN (:ids) AND lease_owner = :node AND %1$s
            """.formatted(StatusSql.IN_FLIGHT);

    private static final String EXPIRED_LEASES = """
            SELECT id FROM request WHERE %1$s AND lease_until < :now
            ORDER BY lease_until LIMIT :limit
            """.formatted(StatusSql.IN_FLIGHT);

    private static final String IN_FLIGHT = """
            SELECT r.id, r.batch_pk, r.status, r.target, r.request_variables, r.attempt_count, r.lease_until,
                   a.idempotency_key, a.started_at, a.channel_sid
            FROM request r JOIN request_attempt a ON a.request_id = r.id AND a.attempt_no = r.attempt_count
            WHERE r.id = :id AND %1$s
            """.formatted(StatusSql.in("r.status", RequestStatus.IN_FLIGHT));

    private static final String STALE = """
            SELECT id FROM request WHERE %1$s AND updated_at < :before
            ORDER BY updated_at LIMIT :limit
            """.formatted(StatusSql.IN_FLIGHT);

    private static final String HAND_OVER = """
            UPDATE request SET lease_owner = :owner, lease_until = :until
            WHERE id = :id AND attempt_count = :attemptNo AND %1$s
            """.formatted(StatusSql.IN_FLIGHT);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final Dialect dialect;

    LeaseRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Dialect dialect) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.dialect = dialect;
    }

    void setSids(List<SidUpdate> sids) {
        batch.batchUpdate(SET_SID, sidRows(sids));
    }

    static SqlParameterSource[] sidRows(List<SidUpdate> sids) {
        return sids.stream()
                .map(s -> new MapSqlParameterSource()
                        .addValue("sid", s.sid())
                        .addValue("id", s.requestId())
                        .addValue("requestId", s.requestId())
                        .addValue("attemptNo", s.attemptNo()))
                .toArray(SqlParameterSource[]::new);
    }

    int renewLeases(String node, Collection<Long> ids, Instant until) {
        return jdbc.sql(RENEW.formatted(StatusSql.IN_FLIGHT, dialect.skipLocked()))
                .param("node", node)
                .param("ids", ids)
                .param("until", Instants.toDb(until))
                .update();
    }

    List<Long> leasedBy(String node, Collection<Long> ids) {
        return jdbc.sql(LEASED_BY)
                .param("ids", ids)
                .param("node", node)
                .query(Long.class)
                .list();
    }

    List<Long> expiredLeases(Instant now, int limit) {
        return jdbc.sql(EXPIRED_LEASES)
                .param("now", Instants.toDb(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    Optional<InFlightAttempt> inFlight(long id) {
        return jdbc.sql(IN_FLIGHT)
                .param("id", id)
                .query((rs, n) -> new InFlightAttempt(
                        rs.getLong("id"),
                        rs.getLong("batch_pk"),
                        RequestStatus.valueOf(rs.getString("status")),
                        rs.getString("target"),
                        rs.getString("request_variables"),
                        rs.getInt("attempt_count"),
                        rs.getString("idempotency_key"),
                        Instants.readRequired(rs, "started_at"),
                        rs.getString("channel_sid"),
                        Instants.read(rs, "lease_until")))
                .optional();
    }

    List<Long> stale(Instant before, int limit) {
        return jdbc.sql(STALE)
                .param("before", Instants.toDb(before))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    boolean handOver(long id, int attemptNo, @Nullable String owner, Instant until) {
        return jdbc.sql(HAND_OVER)
                        .param("owner", owner)
                        .param("until", Instants.toDb(until))
                        .param("id", id)
                        .param("attemptNo", attemptNo)
                        .update()
                == 1;
    }
}
