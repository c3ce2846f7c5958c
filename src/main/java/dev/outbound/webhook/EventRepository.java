package dev.outbound.webhook;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.store.Dialect;
import dev.outbound.store.Instants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webhook_event} table: the outbox. */
@Repository
class EventRepository {
    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String DEAD = "DEAD";

    private static final String NEXT_SEQ = """
            SELECT COALESCE(MAX(seq), 0) + 1 FROM webhook_event WHERE webhook_id = :webhookId AND request_id = :requestId
            """;
    private static final String INSERT = """
            INSERT INTO webhook_event (event_id, webhook_id, campaign_id, request_id, seq, channel_status, payload,
                                       status, attempts, created_at, next_attempt_at)
            VALUES (:eventId, :webhookId, :campaignId, :requestId, :seq, :channelStatus, :payload,
                    'PENDING', 0, :now, :now)
            """;
    // Due, unleased events; per webhook at most :perWebhook in flight on all nodes together (live
    // leases count against it); and only a request's oldest pending event per webhook, so a later
    // status never overtakes an earlier one. Window functions cannot sit next to FOR UPDATE, so
    // the ranking is a subquery of the locking one.
    // Claims go webhook by webhook, so their cost follows the events taken, not the backlog: a
    // ranking over every due event took 1.4 s per round with 500,000 of them (measured). The
    // webhooks with pending events are found by a loose index scan, one probe per webhook.
    private static final String PENDING_WEBHOOKS = """
            WITH RECURSIVE w (id) AS (
                SELECT MIN(webhook_id) FROM webhook_event WHERE status = 'PENDING'
                UNION ALL
                SELECT (SELECT MIN(webhook_id) FROM webhook_event WHERE status = 'PENDING' AND webhook_id > w.id)
                FROM w WHERE w.id IS NOT NULL
            )
            SELECT id FROM w WHERE id IS NOT NULL
            """;
    private static final String IN_FLIGHT = """
            SELECT COUNT(*) FROM webhook_event WHERE webhook_id = :webhookId AND status = 'PENDING' AND lease_until >= :now
            """;
    // A request's event is not taken while an earlier one of the same request is still pending.
    private static final String CLAIM = """
            UPDATE webhook_event SET lease_owner = :token, lease_until = :leaseUntil
            WHERE id IN (
                SELECT e.id FROM webhook_event e
                WHERE e.webhook_id = :webhookId AND e.status = 'PENDING' AND e.next_attempt_at <= :now
                  AND (e.lease_until IS NULL OR e.lease_until < :now)
                  AND NOT EXISTS (SELECT 1 FROM webhook_event p
                                  WHERE p.webhook_id = e.webhook_id AND p.request_id = e.request_id
                                    AND p.seq < e.seq AND p.status = 'PENDING')
                ORDER BY e.next_attempt_at, e.id LIMIT :limit%s
            )
            """;
    private static final String CLAIMED = """
            SELECT id, event_id, webhook_id, campaign_id, payload, attempts, first_attempt_at FROM webhook_event
            WHERE lease_owner = :token AND status = 'PENDING' ORDER BY id
            """;
    private static final String FINISH = """
            UPDATE webhook_event SET status = :status, attempts = attempts + 1,
                   first_attempt_at = COALESCE(first_attempt_at, :attemptedAt), next_attempt_at = :next,
                   last_status_code = :code, last_error = :error, delivered_at = :deliveredAt,
                   lease_owner = NULL, lease_until = NULL
            WHERE id = :pk AND lease_owner = :token
            """;
    private static final String VIEW_COLUMNS = """
            SELECT event_id, webhook_id, request_id, seq, channel_status, status, attempts, created_at, next_attempt_at,
                   delivered_at, last_status_code, last_error FROM webhook_event
            """;
    private static final String REDELIVER = """
            UPDATE webhook_event SET status = 'PENDING', next_attempt_at = :now, first_attempt_at = NULL,
                   delivered_at = NULL, lease_owner = NULL, lease_until = NULL
            WHERE webhook_id = :webhookId AND event_id = :eventId
            """;

    private static final String PURGE = """
            DELETE FROM webhook_event WHERE id IN (
                SELECT id FROM webhook_event WHERE status IN ('DELIVERED', 'DEAD') AND created_at < :before
                ORDER BY id LIMIT :limit)
            """;

    private final JdbcClient jdbc;
    private final Dialect dialect;

    EventRepository(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** The next sequence number of a request's events for a webhook; call with the request locked. */
    int nextSeq(long webhookId, long requestId) {
        return jdbc.sql(NEXT_SEQ)
                .param("webhookId", webhookId)
                .param("requestId", requestId)
                .query(Integer.class)
                .single();
    }

    void insert(
            String eventId,
            long webhookId,
            long campaignId,
            long requestId,
            int seq,
            ChannelManagerStatus channelStatus,
            String payload,
            Instant now) {
        jdbc.sql(INSERT)
                .param("eventId", eventId)
                .param("webhookId", webhookId)
                .param("campaignId", campaignId)
                .param("requestId", requestId)
                .param("seq", seq)
                .param("channelStatus", channelStatus.wire())
                .param("payload", payload)
                .param("now", Instants.toDb(now))
                .update();
    }

    /**
     * Leases due events to {@code token} and answers them: at most {@code limit} in all and, per
     * webhook, no more than {@code perWebhook} in flight counting other nodes' leases.
     */
    List<OutboxEvent> claim(String token, Instant now, Instant leaseUntil, int limit, int perWebhook) {
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
                n += jdbc.sql(CLAIM.formatted(dialect.lockSkippingLocked()))
                        .param("token", token)
                        .param("leaseUntil", Instants.toDb(leaseUntil))
                        .param("webhookId", webhookId)
                        .param("now", Instants.toDb(now))
                        .param("limit", free)
                        .update();
            }
        }
        if (n == 0) {
            return List.of();
        }
        return jdbc.sql(CLAIMED)
                .param("token", token)
                .query(EventRepository::claimed)
                .list();
    }

    /** Records an attempt's result; false when the lease was lost (another node has the event). */
    boolean finish(
            long pk,
            String token,
            String status,
            Instant attemptedAt,
            @Nullable Instant next,
            @Nullable Integer code,
            @Nullable String error,
            @Nullable Instant deliveredAt) {
        var params = new HashMap<String, @Nullable Object>();
        params.put("pk", pk);
        params.put("token", token);
        params.put("status", status);
        params.put("attemptedAt", Instants.toDb(attemptedAt));
        params.put("next", Instants.toDb(next));
        params.put("code", code);
        params.put("error", error);
        params.put("deliveredAt", Instants.toDb(deliveredAt));
        return jdbc.sql(FINISH).params(params).update() == 1;
    }

    List<EventView> recent(long webhookId, @Nullable String status, int limit) {
        String where = status == null ? "" : " AND status = :status";
        var spec = jdbc.sql(VIEW_COLUMNS + " WHERE webhook_id = :webhookId" + where + " ORDER BY id DESC LIMIT :limit")
                .param("webhookId", webhookId)
                .param("limit", limit);
        if (status != null) {
            spec = spec.param("status", status);
        }
        return spec.query(EventRepository::view).list();
    }

    Optional<EventView> find(long webhookId, String eventId) {
        return jdbc.sql(VIEW_COLUMNS + " WHERE webhook_id = :webhookId AND event_id = :eventId")
                .param("webhookId", webhookId)
                .param("eventId", eventId)
                .query(EventRepository::view)
                .optional();
    }

    boolean redeliver(long webhookId, String eventId, Instant now) {
        return jdbc.sql(REDELIVER)
                        .param("webhookId", webhookId)
                        .param("eventId", eventId)
                        .param("now", Instants.toDb(now))
                        .update()
                == 1;
    }

    /** Deletes up to {@code limit} finished events created before {@code before}; answers how many. */
    int purge(Instant before, int limit) {
        return jdbc.sql(PURGE)
                .param("before", Instants.toDb(before))
                .param("limit", limit)
                .update();
    }

    private static OutboxEvent claimed(ResultSet rs, int n) throws SQLException {
        return new OutboxEvent(
                rs.getLong("id"),
                rs.getString("event_id"),
                rs.getLong("webhook_id"),
                rs.getLong("campaign_id"),
                rs.getString("payload"),
                rs.getInt("attempts"),
                Instants.read(rs, "first_attempt_at"));
    }

    private static EventView view(ResultSet rs, int n) throws SQLException {
        return new EventView(
                rs.getString("event_id"),
                rs.getLong("webhook_id"),
                rs.getLong("request_id"),
                rs.getInt("seq"),
                rs.getString("channel_status"),
                rs.getString("status"),
                rs.getInt("attempts"),
                Instants.readRequired(rs, "created_at"),
                Instants.read(rs, "next_attempt_at"),
                Instants.read(rs, "delivered_at"),
                rs.getObject("last_status_code", Integer.class),
                rs.getString("last_error"));
    }
}
