package dev.outbound.request.read;

import dev.outbound.request.RequestStatus;
import dev.outbound.store.Instants;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The work a batch has left, read as counts for the forecast: waiting requests grouped (never
 * loaded one by one), and a bounded sample of finished attempts for the outcome mix.
 */
@Repository
class WorkRepository {
    // Hours are truncated alike in both stores; the number prefix ('+1512' for a Texas number)
    // only splits groups when the organization has rules by region.
    private static final String PENDING_GROUPS = """
            SELECT time_zone, attempt_count, MIN(due_at) AS first_due, MAX(due_at) AS last_due, COUNT(*) AS n,
                   %s AS sample_target
            FROM request WHERE batch_pk = :batchPk AND status = :pending
            GROUP BY time_zone, attempt_count, DATE_TRUNC('hour', due_at)%s
            """;
    // Requests that have had an attempt: ended ones, and those waiting for a retry (due later than
    // now), each a bounded range of the claim index (batch_pk, status, due_at).
    private static final String ENDED_ATTEMPTS = """
            SELECT a.channel_status, a.started_at, a.ended_at
            FROM request_attempt a JOIN (
                (SELECT id FROM request WHERE batch_pk IN (:batchPks) AND status IN (:ended) LIMIT :sample)
                UNION ALL
                (SELECT id FROM request
                 WHERE batch_pk IN (:batchPks) AND status = :pending AND due_at > :now AND attempt_count > 0
                 LIMIT :sample)
            ) s ON s.id = a.request_id
            WHERE a.ended_at IS NOT NULL AND a.channel_status IS NOT NULL
            """;

    private final JdbcClient jdbc;

    WorkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<PendingGroup> pendingGroups(long batchPk, boolean byPrefix) {
        String sql = byPrefix
                ? PENDING_GROUPS.formatted("MIN(target)", ", SUBSTRING(target, 1, 5)")
                : PENDING_GROUPS.formatted("CAST(NULL AS VARCHAR(500))", "");
        return jdbc.sql(sql)
                .param("batchPk", batchPk)
                .param("pending", RequestStatus.PENDING.name())
                .query((rs, n) -> new PendingGroup(
                        rs.getString("time_zone"),
                        rs.getInt("attempt_count"),
                        Instants.readRequired(rs, "first_due"),
                        Instants.readRequired(rs, "last_due"),
                        rs.getLong("n"),
                        rs.getString("sample_target")))
                .list();
    }

    List<EndedAttempt> endedAttempts(Collection<Long> batchPks, int sample, Instant now) {
        return jdbc.sql(ENDED_ATTEMPTS)
                .param("batchPks", batchPks)
                .param(
                        "ended",
                        List.of(
                                RequestStatus.COMPLETED.name(),
                                RequestStatus.FAILED.name(),
                                RequestStatus.INITIATED.name(),
                                RequestStatus.CONNECTED.name()))
                .param("pending", RequestStatus.PENDING.name())
                .param("now", Instants.toDb(now))
                .param("sample", sample)
                .query((rs, n) -> new EndedAttempt(
                        rs.getString("channel_status"),
                        Duration.between(
                                Instants.readRequired(rs, "started_at"), Instants.readRequired(rs, "ended_at"))))
                .list();
    }
}
