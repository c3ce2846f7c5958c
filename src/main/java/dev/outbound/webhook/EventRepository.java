package dev.outbound.webhook;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.store.EnumSql;
import dev.outbound.store.Instants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhook_event} table, the outbox, but for its status and leases:
 * {@link EventStatusWriter} makes every status change.
 */
@Repository
class EventRepository {
    private static final String NEXT_SEQ = """
            SELECT COALESCE(MAX(seq), 0) + 1 FROM webhook_event WHERE webhook_id = :webhookId AND request_id = :requestId
            """;
    private static final String LAST_SEQS = """
            SELECT webhook_id, request_id, MAX(seq) AS seq FROM webhook_event
            WHERE webhook_id IN (:webhookIds) AND request_id IN (:requestIds)
            GROUP BY webhook_id, request_id
            """;
    private static final String INSERT = """
            INSERT INTO webhook_event (event_id, webhook_id, campaign_id, request_id, seq, channel_status, payload,
                                       status, attempts, created_at, next_attempt_at, target_url)
            VALUES (:eventId, :webhookId, :campaignId, :requestId, :seq, :channelStatus, :payload,
                    :status, 0, :now, :now, :targetUrl)
            """;
    private static final String VIEW_COLUMNS = """
            SELECT event_id, webhook_id, request_id, seq, channel_status, status, attempts, created_at, next_attempt_at,
                   delivered_at, last_status_code, last_error FROM webhook_event
            """;
    private static final String PURGE = """
            DELETE FROM webhook_event WHERE id IN (
                SELECT id FROM webhook_event WHERE status IN %s AND created_at < :before
                ORDER BY id LIMIT :limit)
            """.formatted(EnumSql.in(EventTransitions.AT_REST));

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    EventRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A webhook's request, the key its events are numbered under. */
    record SeqKey(long webhookId, long requestId) {}

    /** A new campaign webhook event for {@link #insertAll}. */
    record NewEvent(
            String eventId,
            long webhookId,
            long campaignId,
            long requestId,
            int seq,
            ChannelManagerStatus channelStatus,
            String payload,
            Instant now) {}

    /**
     * The last sequence number of each pair's events (pairs without events are left out), for
     * requests locked in this transaction; at most a thousand ids of each kind.
     */
    java.util.Map<SeqKey, Integer> lastSeqs(
            java.util.Collection<Long> webhookIds, java.util.Collection<Long> requestIds) {
        var last = new java.util.HashMap<SeqKey, Integer>();
        jdbc.sql(LAST_SEQS)
                .param("webhookIds", webhookIds)
                .param("requestIds", requestIds)
                .query(rs -> {
                    last.put(new SeqKey(rs.getLong("webhook_id"), rs.getLong("request_id")), rs.getInt("seq"));
                });
        return last;
    }

    /** New events, PENDING and due at once, in one round trip. */
    void insertAll(List<NewEvent> events) {
        var rows = new MapSqlParameterSource[events.size()];
        for (int i = 0; i < rows.length; i++) {
            NewEvent e = events.get(i);
            var params = new java.util.HashMap<String, @Nullable Object>();
            params.put("eventId", e.eventId());
            params.put("webhookId", e.webhookId());
            params.put("campaignId", e.campaignId());
            params.put("requestId", e.requestId());
            params.put("seq", e.seq());
            params.put("channelStatus", e.channelStatus().wire());
            params.put("payload", e.payload());
            params.put("status", EventStatus.PENDING.name());
            params.put("now", Instants.toDb(e.now()));
            params.put("targetUrl", null);
            rows[i] = new MapSqlParameterSource(params);
        }
        batch.batchUpdate(INSERT, rows);
    }

    /** The next sequence number of a request's events for a webhook; call with the request locked. */
    int nextSeq(long webhookId, long requestId) {
        return jdbc.sql(NEXT_SEQ)
                .param("webhookId", webhookId)
                .param("requestId", requestId)
                .query(Integer.class)
                .single();
    }

    /** A new event, PENDING and due at once. */
    void insert(
            String eventId,
            long webhookId,
            long campaignId,
            long requestId,
            int seq,
            ChannelManagerStatus channelStatus,
            String payload,
            Instant now) {
        insert(eventId, webhookId, campaignId, requestId, seq, channelStatus.wire(), payload, now, null);
    }

    /** A new event for an explicit URL, PENDING and due at once; {@code type} stands in the channel_status column. */
    void insertTargeted(
            String eventId,
            long webhookId,
            long campaignId,
            long requestId,
            int seq,
            String type,
            String payload,
            Instant now,
            String targetUrl) {
        insert(eventId, webhookId, campaignId, requestId, seq, type, payload, now, targetUrl);
    }

    private void insert(
            String eventId,
            long webhookId,
            long campaignId,
            long requestId,
            int seq,
            String channelStatus,
            String payload,
            Instant now,
            @Nullable String targetUrl) {
        var params = new java.util.HashMap<String, @Nullable Object>();
        params.put("targetUrl", targetUrl);
        jdbc.sql(INSERT)
                .params(params)
                .param("eventId", eventId)
                .param("webhookId", webhookId)
                .param("campaignId", campaignId)
                .param("requestId", requestId)
                .param("seq", seq)
                .param("channelStatus", channelStatus)
                .param("payload", payload)
                .param("status", EventStatus.PENDING.name())
                .param("now", Instants.toDb(now))
                .update();
    }

    List<EventView> recent(long webhookId, @Nullable EventStatus status, int limit) {
        String where = status == null ? "" : " AND status = :status";
        var spec = jdbc.sql(VIEW_COLUMNS + " WHERE webhook_id = :webhookId" + where + " ORDER BY id DESC LIMIT :limit")
                .param("webhookId", webhookId)
                .param("limit", limit);
        if (status != null) {
            spec = spec.param("status", status.name());
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

    /** Deletes up to {@code limit} finished events created before {@code before}; answers how many. */
    int purge(Instant before, int limit) {
        return jdbc.sql(PURGE)
                .param("before", Instants.toDb(before))
                .param("limit", limit)
                .update();
    }

    private static EventView view(ResultSet rs, int n) throws SQLException {
        return new EventView(
                rs.getString("event_id"),
                rs.getLong("webhook_id"),
                rs.getLong("request_id"),
                rs.getInt("seq"),
                rs.getString("channel_status"),
                EventStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                Instants.readRequired(rs, "created_at"),
                Instants.read(rs, "next_attempt_at"),
                Instants.read(rs, "delivered_at"),
                rs.getObject("last_status_code", Integer.class),
                rs.getString("last_error"));
    }
}
