package dev.outbound.request;

import dev.outbound.store.Dialect;
import dev.outbound.store.Instants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code request} table. */
@Repository
class RequestRepository {
    static final List<String> LOAD_COLUMNS = List.of(
            "batch_pk",
            "reference_id",
            "ordinal",
            "target",
            "request_variables",
            "status",
            "channel_manager_status",
            "attempt_count",
            "due_at",
            "created_at",
            "updated_at",
            "time_zone");

    private static final String INSERT = """
            INSERT INTO request (batch_pk, reference_id, ordinal, target, request_variables, status,
                                 channel_manager_status, attempt_count, due_at, created_at, updated_at, time_zone)
            VALUES (:batchPk, :referenceId, :ordinal, :target, :requestVariables, :status,
                    :channelManagerStatus, 0, :dueAt, :createdAt, :createdAt, :timeZone)
            """;
    private static final String REFERENCE_EXISTS = """
            SELECT COUNT(*) FROM request WHERE batch_pk = :batchPk AND reference_id = :referenceId
            """;
    private static final String REFERENCE_STATES = """
            SELECT reference_id, status, attempt_count FROM request
            WHERE batch_pk = :batchPk AND reference_id IN (:referenceIds)
            """;
    private static final String MAX_ORDINALS = """
            SELECT reference_id, MAX(ordinal) AS ordinal FROM request WHERE batch_pk = :batchPk GROUP BY reference_id
            """;
    private static final String RESULT_COLUMNS = """
            SELECT reference_id, target, request_variables, channel_manager_sid, created_at, sent_at, attempt_count,
                   session_id, conversation_id, status, channel_manager_status, insights_status, insights,
                   line_type, enrichment
            FROM request WHERE batch_pk = :batchPk
            """;
    private static final String NEVER_ATTEMPTED =
            "batch_pk = :batchPk AND reference_id IN (:referenceIds) AND attempt_count = 0";
    private static final String WAITING_FOR_RETRY =
            "batch_pk = :batchPk AND reference_id IN (:referenceIds) AND status = 'PENDING'";
    private static final String PENDING_IN_BATCH = "batch_pk = :batchPk AND status = 'PENDING'";
    private static final String CANCEL = "status = 'CANCELED', channel_manager_status = 'CANCELED', updated_at = :now";

    private static final String LOCK_STATE = """
            SELECT id, batch_pk, status, channel_manager_status, attempt_count, time_zone, lease_until, lease_owner
            FROM request WHERE id = :id FOR UPDATE
            """;
    private static final String TRANSITION = """
            UPDATE request SET status = :to, channel_manager_status = :toChannel, due_at = :dueAt,
                   lease_owner = CASE WHEN :keepLease THEN lease_owner ELSE NULL END,
                   lease_until = CASE WHEN :keepLease THEN lease_until ELSE NULL END, updated_at = :now
            WHERE id = :id AND status = :expected AND attempt_count = :attemptNo
            """;
    private static final String SET_SID = """
            UPDATE request SET channel_manager_sid = :sid WHERE id = :id AND attempt_count = :attemptNo
            """;
    private static final String VOID_ATTEMPT = """
            UPDATE request SET status = 'PENDING', channel_manager_status = :channel, attempt_count = attempt_count - 1,
                   due_at = :dueAt, lease_owner = NULL, lease_until = NULL, updated_at = :now
            WHERE id = :id AND status = 'INITIATED' AND attempt_count = :attemptNo
            """;
    // Rows being recorded right now are skipped: their lease is renewed on the next tick, and
    // waiting for them could deadlock with a recorder holding other locks.
    private static final String RENEW = """
            UPDATE request SET lease_until = :until
            WHERE id IN (SELECT id FROM request WHERE lease_owner = :node AND status IN ('INITIATED', 'CONNECTED')
                         ORDER BY id%s)
            """;
    private static final String EXPIRED_LEASES = """
            SELECT id FROM request WHERE status IN ('INITIATED', 'CONNECTED') AND lease_until < :now
            ORDER BY lease_until LIMIT :limit
            """;
    private static final String IN_FLIGHT = """
            SELECT r.id, r.batch_pk, r.status, r.target, r.request_variables, r.attempt_count, r.lease_until,
                   a.idempotency_key, a.started_at, a.channel_sid
            FROM request r JOIN request_attempt a ON a.request_id = r.id AND a.attempt_no = r.attempt_count
            WHERE r.id = :id AND r.status IN ('INITIATED', 'CONNECTED')
            """;
    private static final String STALE = """
            SELECT id FROM request WHERE status IN ('INITIATED', 'CONNECTED') AND updated_at < :before
            ORDER BY updated_at LIMIT :limit
            """;
    private static final String HAND_OVER = """
            UPDATE request SET lease_owner = :owner, lease_until = :until
            WHERE id = :id AND attempt_count = :attemptNo AND status IN ('INITIATED', 'CONNECTED')
            """;
    private static final String NEVER_ATTEMPTED_PENDING =
            "batch_pk = :batchPk AND status = 'PENDING' AND attempt_count = 0";
    private static final String RETRY_WAITING = "batch_pk = :batchPk AND status = 'PENDING' AND attempt_count > 0";
    private static final String FAIL = "status = 'FAILED', due_at = NULL, updated_at = :now";
    private static final String REPORT = """
            UPDATE request SET session_id = COALESCE(:sessionId, session_id),
                   conversation_id = COALESCE(:conversationId, conversation_id),
                   insights_status = COALESCE(:insightsStatus, insights_status),
                   insights = COALESCE(:insights, insights), updated_at = :now
            WHERE batch_pk = :batchPk AND reference_id = :referenceId AND ordinal = 0
            """;

    private static final String PENDING_ZONE_SETS = """
            SELECT DISTINCT COALESCE(time_zone, '') AS zones FROM request WHERE batch_pk = :batchPk AND status = 'PENDING'
            """;

    private final JdbcClient jdbc;
    private final Dialect dialect;

    RequestRepository(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    void insert(
            long batchPk,
            String referenceId,
            int ordinal,
            Target target,
            String variablesJson,
            RequestStatus status,
            String channelStatus,
            Instant now,
            @org.jspecify.annotations.Nullable String timeZone) {
        jdbc.sql(INSERT)
                .param("batchPk", batchPk)
                .param("referenceId", referenceId)
                .param("ordinal", ordinal)
                .param("target", target.value())
                .param("requestVariables", variablesJson)
                .param("status", status.name())
                .param("channelManagerStatus", channelStatus)
                .param("dueAt", status == RequestStatus.PENDING ? Instants.toDb(now) : null)
                .param("createdAt", Instants.toDb(now))
                .param("timeZone", timeZone)
                .update();
    }

    boolean referenceExists(long batchPk, String referenceId) {
        return jdbc.sql(REFERENCE_EXISTS)
                        .param("batchPk", batchPk)
                        .param("referenceId", referenceId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** reference id → (status, attempts) of each of its rows. */
    List<ReferenceState> states(long batchPk, Collection<String> referenceIds) {
        return jdbc.sql(REFERENCE_STATES)
                .param("batchPk", batchPk)
                .param("referenceIds", referenceIds)
                .query((rs, n) -> new ReferenceState(
                        rs.getString("reference_id"), rs.getString("status"), rs.getInt("attempt_count")))
                .list();
    }

    record ReferenceState(String referenceId, String status, int attemptCount) {}

    /** The highest ordinal of each reference id already in the batch, for duplicate detection. */
    void maxOrdinals(long batchPk, Consumer<Map.Entry<String, Integer>> sink) {
        jdbc.sql(MAX_ORDINALS).param("batchPk", batchPk).withFetchSize(1000).query(rs -> {
            sink.accept(Map.entry(rs.getString("reference_id"), rs.getInt("ordinal")));
        });
    }

    Map<CountKey, Long> deleteNeverAttempted(long batchPk, Collection<String> referenceIds) {
        return counted(
                dialect.countedDeleteSql(NEVER_ATTEMPTED), Map.of("batchPk", batchPk, "referenceIds", referenceIds));
    }

    Map<CountKey, Long> cancelWaiting(long batchPk, Collection<String> referenceIds, Instant now) {
        return counted(
                dialect.countedUpdateSql(CANCEL, WAITING_FOR_RETRY),
                Map.of("batchPk", batchPk, "referenceIds", referenceIds, "now", Instants.toDb(now)));
    }

    Map<CountKey, Long> cancelPending(long batchPk, Instant now) {
        return counted(
                dialect.countedUpdateSql(CANCEL, PENDING_IN_BATCH),
                Map.of("batchPk", batchPk, "now", Instants.toDb(now)));
    }

    private Map<CountKey, Long> counted(String sql, Map<String, ?> params) {
        var counts = new HashMap<CountKey, Long>();
        jdbc.sql(sql).params(params).query(rs -> {
            counts.put(new CountKey(rs.getString("status"), rs.getString("channel_manager_status")), rs.getLong("n"));
        });
        return counts;
    }

    /** Claims due requests; {@code zones} limits them to these stored time-zone sets when not null. */
    List<ClaimedRequest> claim(
            long batchPk,
            int limit,
            Instant now,
            String node,
            Instant leaseUntil,
            @org.jspecify.annotations.Nullable Collection<String> zones,
            Map<Long, String> oldChannel) {
        String extra = zones == null ? "" : "AND COALESCE(time_zone, '') IN (:zones)";
        var spec = jdbc.sql(dialect.claimSql(extra))
                .param("batchPk", batchPk)
                .param("now", Instants.toDb(now))
                .param("limit", limit)
                .param("node", node)
                .param("leaseUntil", Instants.toDb(leaseUntil));
        if (zones != null) {
            spec = spec.param("zones", zones);
        }
        return spec.query((rs, n) -> {
                    long id = rs.getLong("id");
                    int attempt = rs.getInt("attempt_count");
                    oldChannel.put(id, rs.getString("old_channel_status"));
                    return new ClaimedRequest(
                            id,
                            batchPk,
                            rs.getString("reference_id"),
                            rs.getString("target"),
                            rs.getString("request_variables"),
                            attempt,
                            id + "-" + attempt,
                            rs.getString("time_zone"));
                })
                .list();
    }

    List<String> pendingZoneSets(long batchPk) {
        return jdbc.sql(PENDING_ZONE_SETS)
                .param("batchPk", batchPk)
                .query(String.class)
                .list();
    }

    java.util.Optional<RequestState> lockState(long id) {
        return jdbc.sql(LOCK_STATE)
                .param("id", id)
                .query((rs, n) -> new RequestState(
                        rs.getLong("id"),
                        rs.getLong("batch_pk"),
                        RequestStatus.valueOf(rs.getString("status")),
                        rs.getString("channel_manager_status"),
                        rs.getInt("attempt_count"),
                        rs.getString("time_zone"),
                        Instants.read(rs, "lease_until"),
                        rs.getString("lease_owner")))
                .optional();
    }

    boolean transition(
            long id,
            int attemptNo,
            RequestStatus expected,
            RequestStatus to,
            String toChannel,
            @org.jspecify.annotations.Nullable Instant dueAt,
            boolean keepLease,
            Instant now) {
        return jdbc.sql(TRANSITION)
                        .param("to", to.name())
                        .param("toChannel", toChannel)
                        .param("dueAt", Instants.toDb(dueAt))
                        .param("keepLease", keepLease)
                        .param("now", Instants.toDb(now))
                        .param("id", id)
                        .param("expected", expected.name())
                        .param("attemptNo", attemptNo)
                        .update()
                == 1;
    }

    void setSid(long id, int attemptNo, String sid) {
        jdbc.sql(SET_SID)
                .param("sid", sid)
                .param("id", id)
                .param("attemptNo", attemptNo)
                .update();
    }

    boolean voidAttempt(long id, int attemptNo, String channel, Instant dueAt, Instant now) {
        return jdbc.sql(VOID_ATTEMPT)
                        .param("channel", channel)
                        .param("dueAt", Instants.toDb(dueAt))
                        .param("now", Instants.toDb(now))
                        .param("id", id)
                        .param("attemptNo", attemptNo)
                        .update()
                == 1;
    }

    int renewLeases(String node, Instant until) {
        return jdbc.sql(RENEW.formatted(dialect.lockSkippingLocked()))
                .param("node", node)
                .param("until", Instants.toDb(until))
                .update();
    }

    List<Long> expiredLeases(Instant now, int limit) {
        return jdbc.sql(EXPIRED_LEASES)
                .param("now", Instants.toDb(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    java.util.Optional<InFlightAttempt> inFlight(long id) {
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

    boolean handOver(long id, int attemptNo, @org.jspecify.annotations.Nullable String owner, Instant until) {
        return jdbc.sql(HAND_OVER)
                        .param("owner", owner)
                        .param("until", Instants.toDb(until))
                        .param("id", id)
                        .param("attemptNo", attemptNo)
                        .update()
                == 1;
    }

    Map<CountKey, Long> cancelNeverAttempted(long batchPk, Instant now) {
        return counted(
                dialect.countedUpdateSql(CANCEL, NEVER_ATTEMPTED_PENDING),
                Map.of("batchPk", batchPk, "now", Instants.toDb(now)));
    }

    Map<CountKey, Long> failRetryWaiting(long batchPk, Instant now) {
        return counted(
                dialect.countedUpdateSql(FAIL, RETRY_WAITING), Map.of("batchPk", batchPk, "now", Instants.toDb(now)));
    }

    boolean report(
            long batchPk,
            String referenceId,
            @org.jspecify.annotations.Nullable Long sessionId,
            @org.jspecify.annotations.Nullable Long conversationId,
            @org.jspecify.annotations.Nullable String insightsStatus,
            @org.jspecify.annotations.Nullable String insightsJson,
            Instant now) {
        var params = new HashMap<String, Object>();
        params.put("sessionId", sessionId);
        params.put("conversationId", conversationId);
        params.put("insightsStatus", insightsStatus);
        params.put("insights", insightsJson);
        params.put("now", Instants.toDb(now));
        params.put("batchPk", batchPk);
        params.put("referenceId", referenceId);
        return jdbc.sql(REPORT).params(params).update() == 1;
    }

    void results(long batchPk, ResultFilter filter, Consumer<ResultRow> sink) {
        var sql = new StringBuilder(RESULT_COLUMNS);
        var params = new HashMap<String, Object>();
        params.put("batchPk", batchPk);
        if (filter.referenceId() != null) {
            sql.append(" AND reference_id = :referenceId");
            params.put("referenceId", filter.referenceId());
        }
        if (filter.status() != null) {
            sql.append(" AND status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.insightsStatus() != null) {
            sql.append(" AND insights_status = :insightsStatus");
            params.put("insightsStatus", filter.insightsStatus());
        }
        sql.append(" ORDER BY id");
        jdbc.sql(sql.toString()).params(params).withFetchSize(1000).query(rs -> {
            sink.accept(row(rs));
        });
    }

    private static ResultRow row(ResultSet rs) throws SQLException {
        Long sessionId = rs.getObject("session_id", Long.class);
        Long conversationId = rs.getObject("conversation_id", Long.class);
        return new ResultRow(
                rs.getString("reference_id"),
                rs.getString("target"),
                rs.getString("request_variables"),
                rs.getString("channel_manager_sid"),
                Instants.readRequired(rs, "created_at"),
                Instants.read(rs, "sent_at"),
                rs.getInt("attempt_count"),
                sessionId,
                conversationId,
                rs.getString("status"),
                rs.getString("channel_manager_status"),
                rs.getString("insights_status"),
                rs.getString("insights"),
                rs.getString("line_type"),
                rs.getString("enrichment"));
    }
}
