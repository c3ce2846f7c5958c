package dev.outbound.webhook;

import dev.outbound.store.Dialect;
import dev.outbound.store.EnumSql;
import dev.outbound.store.Instants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one writer of {@code webhook_event.status}: leases (claims), attempt results and
 * redeliveries all go through here. Each change checks {@link EventTransitions} before it writes
 * (an illegal one throws {@link dev.outbound.api.IllegalTransition} and writes nothing) and repeats
 * the status it expects in SQL, so a change that lost a race changes nothing; each answers whether
 * it changed the row. {@code StatusWritersTest} keeps other classes from writing the column.
 */
@Repository
class EventStatusWriter {
    // Due, unleased events; per webhook at most :perWebhook in flight on all nodes together (live
    // leases count against it); and only a request's oldest pending event per webhook, so a later
    // status never overtakes an earlier one. Window functions cannot sit next to FOR UPDATE, so
    // the ranking is a subquery of the locking one.
    // Claims go webhook by webhook, so their cost follows the events taken, not the backlog: a
    // ranking over every due event took 1.4 s per round with 500,000 of them (measured). The
    // webhooks with pending events are found by a loose index scan, one probe per webhook.
    // The status stays a literal (from the table) rather than a parameter, for the planner.
    private static final String PENDING_WEBHOOKS = sendable("""
            WITH RECURSIVE w (id) AS (
                SELECT MIN(webhook_id) FROM webhook_event WHERE status = {sendable}
                UNION ALL
                SELECT (SELECT MIN(webhook_id) FROM webhook_event WHERE status = {sendable} AND webhook_id > w.id)
                FROM w WHERE w.id IS NOT NULL
            )
            SELECT id FROM w WHERE id IS NOT NULL
            """);
    private static final String IN_FLIGHT = sendable("""
            SELECT COUNT(*) FROM webhook_event
            WHERE webhook_id = :webhookId AND status = {sendable} AND lease_until >= :now
            """);
    // A request's event is taken only once its predecessor (seq - 1) is no longer pending, so a
    // later status never overtakes an earlier one. Events leave PENDING only after being taken,
    // and one is taken only after its predecessor, so a request's pending events are always its
    // last ones and "the predecessor is done" means "no earlier event is pending" (a manual
    // redelivery, which may send out of order, is the exception the README names). The test is a
    // probe of one row by its full unique key (webhook_id, request_id, seq), which no statistics
    // can turn into a scan: the earlier "lowest pending seq" subquery filtered by status, and with
    // the table's statistics from when it was nearly empty (autovacuum off, or not yet run)
    // PostgreSQL answered it from the claim index, reading every pending event of the webhook per
    // candidate (measured: a claim ran for over 10 minutes with 133,000 pending and delivery
    // stopped). The order matches webhook_event_claim (status, webhook_id, next_attempt_at, id),
    // so the scan stops after :limit takable rows instead of sorting every due event.
    // The lease is no status change: a leased event stays PENDING.
    private static final String PICK = sendable("""
            SELECT e.id, e.event_id, e.webhook_id, e.campaign_id, e.payload, e.attempts, e.first_attempt_at,
                   e.target_url
            FROM webhook_event e
            WHERE e.status = {sendable} AND e.webhook_id = :webhookId AND e.next_attempt_at <= :now
              AND (e.lease_until IS NULL OR e.lease_until < :now)
              AND COALESCE((SELECT p.status FROM webhook_event p
                            WHERE p.webhook_id = e.webhook_id AND p.request_id = e.request_id
                              AND p.seq = e.seq - 1), 'NONE') <> {sendable}
            ORDER BY e.next_attempt_at, e.id LIMIT :limit
            """);
    private static final String LEASE = "lease_owner = :token, lease_until = :leaseUntil";
    private static final List<String> CLAIMED_COLUMNS = List.of(
            "id", "event_id", "webhook_id", "campaign_id", "payload", "attempts", "first_attempt_at", "target_url");
    private static final String FINISH = """
            UPDATE webhook_event SET status = :to, attempts = attempts + 1,
                   first_attempt_at = COALESCE(first_attempt_at, :attemptedAt), next_attempt_at = :next,
                   last_status_code = :code, last_error = :error, delivered_at = :deliveredAt,
                   lease_owner = NULL, lease_until = NULL
            WHERE id = :pk AND lease_owner = :token AND status = :expected
            """;
    // Not while a node holds a live lease: that node's call is under way, and taking the event
    // from it would send it twice at once and drop that call's result.
    private static final String REDELIVER = """
            UPDATE webhook_event SET status = :to, next_attempt_at = :now, first_attempt_at = NULL,
                   delivered_at = NULL, lease_owner = NULL, lease_until = NULL
            WHERE webhook_id = :webhookId AND event_id = :eventId AND status = :expected
              AND (lease_until IS NULL OR lease_until < :now)
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final Dialect dialect;

    EventStatusWriter(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Dialect dialect) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.dialect = dialect;
    }

    /** One attempt's result for {@link #finishAll}. */
    record Finish(
            long pk,
            String token,
            EventStatus to,
            Instant attemptedAt,
            @Nullable Instant next,
            @Nullable Integer code,
            @Nullable String error,
            @Nullable Instant deliveredAt) {}

    private static String sendable(String sql) {
        return sql.replace("{sendable}", EnumSql.literal(EventTransitions.SENDABLE));
    }

    /**
     * Leases due events to {@code token} and answers them: at most {@code limit} in all and, per
     * webhook, no more than {@code perWebhook} in flight counting other nodes' leases.
     */
    List<OutboxEvent> claim(String token, Instant now, Instant leaseUntil, int limit, int perWebhook) {
        String claimSql = dialect.updatePicked("webhook_event", LEASE, PICK + dialect.skipLocked(), CLAIMED_COLUMNS);
        var claimed = new java.util.ArrayList<OutboxEvent>();
        int n = 0;
        for (long webhookId : jdbc.sql(PENDING_WEBHOOKS).query(Long.class).list()) {
            if (n >= limit) {
                break;
            }
            long busy = jdbc.sql(IN_FLIGHT)
                    .param("webhookId", webhookId)
                    .param("now", Instants.toDb(now))
                    .query(Long.class)
                    .single();
            int free = (int) Math.min(limit - n, perWebhook - busy);
            if (free > 0) {
                // One statement leases and answers the rows: reading them back by lease owner had
                // no index and read every pending event of the backlog each round.
                List<OutboxEvent> taken = jdbc.sql(claimSql)
                        .param("token", token)
                        .param("leaseUntil", Instants.toDb(leaseUntil))
                        .param("webhookId", webhookId)
                        .param("now", Instants.toDb(now))
                        .param("limit", free)
                        .query(EventStatusWriter::claimed)
                        .list();
                claimed.addAll(taken);
                n += taken.size();
            }
        }
        claimed.sort(java.util.Comparator.comparingLong(OutboxEvent::pk));
        return claimed;
    }

    /**
     * Records an attempt's result on a leased event: DELIVERED, DEAD, or PENDING again for a retry
     * at {@code next}. False when the lease was lost (another node has the event).
     */
    boolean finish(
            long pk,
            String token,
            EventStatus to,
            Instant attemptedAt,
            @Nullable Instant next,
            @Nullable Integer code,
            @Nullable String error,
            @Nullable Instant deliveredAt) {
        return finishAll(List.of(new Finish(pk, token, to, attemptedAt, next, code, error, deliveredAt)))[0];
    }

    /**
     * {@link #finish} for many results in one round trip (a busy node ends thousands of calls a
     * second); answers, per result, whether its lease was still held and the row changed.
     */
    boolean[] finishAll(List<Finish> results) {
        var rows = new MapSqlParameterSource[results.size()];
        for (int i = 0; i < rows.length; i++) {
            Finish f = results.get(i);
            EventTransitions.check(EventTransitions.SENDABLE, f.to());
            var params = new HashMap<String, @Nullable Object>();
            params.put("pk", f.pk());
            params.put("token", f.token());
            params.put("to", f.to().name());
            params.put("expected", EventTransitions.SENDABLE.name());
            params.put("attemptedAt", Instants.toDb(f.attemptedAt()));
            params.put("next", Instants.toDb(f.next()));
            params.put("code", f.code());
            params.put("error", f.error());
            params.put("deliveredAt", Instants.toDb(f.deliveredAt()));
            rows[i] = new MapSqlParameterSource(params);
        }
        int[] counts = batch.batchUpdate(FINISH, rows);
        var changed = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            changed[i] = counts[i] == 1;
        }
        return changed;
    }

    /**
     * Makes an event read in status {@code from} PENDING and due at {@code now}, with a fresh retry
     * period. False when it is in flight or no longer in {@code from}.
     */
    boolean redeliver(long webhookId, String eventId, EventStatus from, Instant now) {
        EventTransitions.check(from, EventStatus.PENDING);
        return jdbc.sql(REDELIVER)
                        .param("webhookId", webhookId)
                        .param("eventId", eventId)
                        .param("to", EventStatus.PENDING.name())
                        .param("expected", from.name())
                        .param("now", Instants.toDb(now))
                        .update()
                == 1;
    }

    private static OutboxEvent claimed(ResultSet rs, int n) throws SQLException {
        return new OutboxEvent(
                rs.getLong("id"),
                rs.getString("event_id"),
                rs.getLong("webhook_id"),
                rs.getLong("campaign_id"),
                rs.getString("payload"),
                rs.getInt("attempts"),
                Instants.read(rs, "first_attempt_at"),
                rs.getString("target_url"));
    }
}
