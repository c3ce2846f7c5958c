package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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
            "time_zone",
            "line_type");

    private static final String INSERT = """
            INSERT INTO request (batch_pk, reference_id, ordinal, target, request_variables, status,
                                 channel_manager_status, attempt_count, due_at, created_at, updated_at, time_zone,
                                 line_type)
            VALUES (:batchPk, :referenceId, :ordinal, :target, :requestVariables, :status,
                    :channelManagerStatus, 0, :dueAt, :createdAt, :createdAt, :timeZone, :lineType)
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
    private static final String RESULT_BY_ID = """
            SELECT reference_id, target, request_variables, channel_manager_sid, created_at, sent_at, attempt_count,
                   session_id, conversation_id, status, channel_manager_status, insights_status, insights,
                   line_type, enrichment
            FROM request WHERE id = :id
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
    // In id order, so two transactions locking overlapping sets cannot deadlock.
    private static final String LOCK_STATES = """
            SELECT id, batch_pk, status, channel_manager_status, attempt_count, time_zone, lease_until, lease_owner
            FROM request WHERE id IN (:ids) ORDER BY id FOR UPDATE
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
    // Only leases past half their life are renewed, so a node with thousands of calls in flight
    // does not rewrite them all on every tick. Rows being recorded right now are skipped: their lease is renewed on the
    // next tick, and
    // waiting for them could deadlock with a recorder holding other locks.
    private static final String RENEW = """
            UPDATE request SET lease_until = :until
            WHERE id IN (SELECT id FROM request WHERE lease_owner = :node AND status IN ('INITIATED', 'CONNECTED')
                         AND id IN (:ids) ORDER BY id%s)
            """;
    private static final String LEASED_BY = """
            SELECT id FROM request
            WHERE id IN (:ids) AND lease_owner = :node AND status IN ('INITIATED', 'CONNECTED')
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

    private static final String FORGET_SENT = """
            UPDATE request SET sent_at = NULL WHERE id = :id AND attempt_count = 0
            """;
    private static final String ENRICHMENT = """
            SELECT id, line_type, enrichment, created_at FROM request WHERE id IN (:ids)
            """;
    // By primary key from a cursor: a range scan however large the table, and new requests
    // (uploads, API adds) always come after it.
    private static final String AWAITING_LOOKUP = """
            SELECT id, target FROM request
            WHERE id > :after AND status = 'PENDING' AND enrichment IS NULL AND target LIKE '+%'
            ORDER BY id LIMIT :limit
            """;
    private static final String MAX_ID = "SELECT COALESCE(MAX(id), 0) FROM request";
    private static final String ENRICH = """
            UPDATE request SET line_type = COALESCE(:lineType, line_type), enrichment = :enrichment
            WHERE id = :id
            """;

    private static final String PENDING_ZONE_SETS = """
            SELECT DISTINCT COALESCE(time_zone, '') AS zones FROM request WHERE batch_pk = :batchPk AND status = 'PENDING'
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final Dialect dialect;

    RequestRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Dialect dialect) {
        this.jdbc = jdbc;
        this.batch = batch;
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
                .param("lineType", target.valid() ? target.lineType() : null)
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

    /** Locks and reads the rows {@link #cancelWaiting} would change. */
    List<BulkChangeEvents.LockedRow> lockWaiting(long batchPk, Collection<String> referenceIds) {
        return locked(WAITING_FOR_RETRY, Map.of("batchPk", batchPk, "referenceIds", referenceIds));
    }

    /** Locks and reads the rows {@link #cancelPending} would change. */
    List<BulkChangeEvents.LockedRow> lockPending(long batchPk) {
        return locked(PENDING_IN_BATCH, Map.of("batchPk", batchPk));
    }

    /** Locks and reads the rows {@link #cancelNeverAttempted} would change. */
    List<BulkChangeEvents.LockedRow> lockNeverAttemptedPending(long batchPk) {
        return locked(NEVER_ATTEMPTED_PENDING, Map.of("batchPk", batchPk));
    }

    private List<BulkChangeEvents.LockedRow> locked(String where, Map<String, ?> params) {
        return jdbc.sql("SELECT id, status, channel_manager_status, attempt_count FROM request WHERE " + where
                        + " FOR UPDATE")
                .params(params)
                .query((rs, n) -> new BulkChangeEvents.LockedRow(
                        rs.getLong("id"),
                        RequestStatus.valueOf(rs.getString("status")),
                        rs.getString("channel_manager_status"),
                        rs.getInt("attempt_count")))
                .list();
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
        return spec.query((rs, n) -> claimed(rs, batchPk, oldChannel)).list();
    }

    /**
     * Claims for several batches without zone limits, in one statement where the store can; the
     * pairs are numbers this code made, so they are written into the statement as a VALUES list.
     */
    List<ClaimedRequest> claimMany(
            List<ClaimWant> wants, Instant now, String node, Instant leaseUntil, Map<Long, String> oldChannel) {
        var wanted = new StringBuilder();
        for (ClaimWant w : wants) {
            wanted.append(wanted.isEmpty() ? "" : ", ")
                    .append('(')
                    .append(w.batchPk())
                    .append(", ")
                    .append(w.limit())
                    .append(')');
        }
        String sql = wants.size() > 1 ? dialect.claimManySql(wanted.toString()) : null;
        if (sql == null) {
            var claimed = new java.util.ArrayList<ClaimedRequest>();
            for (ClaimWant w : wants) {
                claimed.addAll(claim(w.batchPk(), w.limit(), now, node, leaseUntil, w.zones(), oldChannel));
            }
            return claimed;
        }
        return jdbc.sql(sql)
                .param("now", Instants.toDb(now))
                .param("node", node)
                .param("leaseUntil", Instants.toDb(leaseUntil))
                .query((rs, n) -> claimed(rs, rs.getLong("batch_pk"), oldChannel))
                .list();
    }

    private static ClaimedRequest claimed(ResultSet rs, long batchPk, Map<Long, String> oldChannel)
            throws SQLException {
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
    }

    /** A request whose only attempt was voided was never sent. */
    void forgetSentIfNeverAttempted(long id) {
        jdbc.sql(FORGET_SENT).param("id", id).update();
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
                .query((rs, n) -> new LookupWork(rs.getLong("id"), rs.getString("target")))
                .list();
    }

    long maxId() {
        return jdbc.sql(MAX_ID).query(Long.class).single();
    }

    void enrich(long id, @org.jspecify.annotations.Nullable String lineType, String payloadJson) {
        jdbc.sql(ENRICH)
                .param("lineType", lineType)
                .param("enrichment", payloadJson)
                .param("id", id)
                .update();
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
                .query(RequestRepository::state)
                .optional();
    }

    /** Reads and row-locks these requests, in id order; ids that do not exist are left out. */
    List<RequestState> lockStates(Collection<Long> ids) {
        return jdbc.sql(LOCK_STATES)
                .param("ids", ids)
                .query(RequestRepository::state)
                .list();
    }

    private static RequestState state(ResultSet rs, int row) throws SQLException {
        return new RequestState(
                rs.getLong("id"),
                rs.getLong("batch_pk"),
                RequestStatus.valueOf(rs.getString("status")),
                ChannelManagerStatus.of(rs.getString("channel_manager_status")),
                rs.getInt("attempt_count"),
                rs.getString("time_zone"),
                Instants.read(rs, "lease_until"),
                rs.getString("lease_owner"));
    }

    /**
     * Moves each request from its {@code from} status to the final status of its changes, in one
     * round trip; answers the rows changed per request, in the order given.
     */
    int[] transitionAll(List<Change> finals, Instant now) {
        var rows = finals.stream()
                .map(c -> new MapSqlParameterSource()
                        .addValue("to", c.to().name())
                        .addValue("toChannel", c.toChannel().wire())
                        .addValue("dueAt", Instants.toDb(c.dueAt()))
                        .addValue("keepLease", c.inFlight())
                        .addValue("now", Instants.toDb(now))
                        .addValue("id", c.from().id())
                        .addValue("expected", c.from().status().name())
                        .addValue("attemptNo", c.attemptNo()))
                .toArray(SqlParameterSource[]::new);
        return batch.batchUpdate(TRANSITION, rows);
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

    int renewLeases(String node, Collection<Long> ids, Instant until) {
        return jdbc.sql(RENEW.formatted(dialect.lockSkippingLocked()))
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
        var params = new HashMap<String, Object>();
        String sql = RESULT_COLUMNS + filtered(batchPk, filter, params) + " ORDER BY id";
        jdbc.sql(sql).params(params).withFetchSize(1000).query(rs -> {
            sink.accept(row(rs));
        });
    }

    /** One page of results in upload order; the database skips to it (no walk over earlier rows). */
    List<ResultRow> resultPage(long batchPk, ResultFilter filter, long offset, int limit) {
        var params = new HashMap<String, Object>();
        params.put("offset", offset);
        params.put("limit", limit);
        String sql = RESULT_COLUMNS + filtered(batchPk, filter, params) + " ORDER BY id LIMIT :limit OFFSET :offset";
        return jdbc.sql(sql).params(params).query((rs, n) -> row(rs)).list();
    }

    long resultCount(long batchPk, ResultFilter filter) {
        var params = new HashMap<String, Object>();
        String sql = "SELECT COUNT(*) FROM request WHERE batch_pk = :batchPk" + filtered(batchPk, filter, params);
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** The filter's conditions after {@code WHERE batch_pk = :batchPk}, binding their parameters. */
    private static String filtered(long batchPk, ResultFilter filter, Map<String, Object> params) {
        var sql = new StringBuilder();
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
        return sql.toString();
    }

    java.util.Optional<ResultRow> result(long id) {
        return jdbc.sql(RESULT_BY_ID).param("id", id).query((rs, n) -> row(rs)).optional();
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
