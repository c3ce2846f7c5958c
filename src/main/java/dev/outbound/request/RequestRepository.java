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
            "updated_at");

    private static final String INSERT = """
            INSERT INTO request (batch_pk, reference_id, ordinal, target, request_variables, status,
                                 channel_manager_status, attempt_count, due_at, created_at, updated_at)
            VALUES (:batchPk, :referenceId, :ordinal, :target, :requestVariables, :status,
                    :channelManagerStatus, 0, :dueAt, :createdAt, :createdAt)
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
            Instant now) {
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
        long session = rs.getLong("session_id");
        Long sessionId = rs.wasNull() ? null : session;
        long conversation = rs.getLong("conversation_id");
        Long conversationId = rs.wasNull() ? null : conversation;
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
