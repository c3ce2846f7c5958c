package dev.outbound.request.read;

import dev.outbound.store.Instants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read side of the {@code request} and {@code request_attempt} tables: results as the API
 * shows them, attempt history, and the agent's report (which changes no status).
 */
@Repository
class ResultRepository {
    private static final String RESULT_COLUMNS = """
            SELECT reference_id, target, request_variables, channel_manager_sid, created_at, sent_at, attempt_count,
                   session_id, conversation_id, status, channel_manager_status, insights_status, insights,
                   line_type, enrichment, reason, reason_detail
            FROM request WHERE batch_pk = :batchPk
            """;

    private static final String RESULT_BY_ID = """
            SELECT reference_id, target, request_variables, channel_manager_sid, created_at, sent_at, attempt_count,
                   session_id, conversation_id, status, channel_manager_status, insights_status, insights,
                   line_type, enrichment, reason, reason_detail
            FROM request WHERE id = :id
            """;

    private static final String RESULTS_BY_IDS = """
            SELECT id, reference_id, target, request_variables, channel_manager_sid, created_at, sent_at, attempt_count,
                   session_id, conversation_id, status, channel_manager_status, insights_status, insights,
                   line_type, enrichment, reason, reason_detail
            FROM request WHERE id IN (:ids)
            """;

    private static final String REPORT = """
            UPDATE request SET session_id = COALESCE(:sessionId, session_id),
                   conversation_id = COALESCE(:conversationId, conversation_id),
                   insights_status = COALESCE(:insightsStatus, insights_status),
                   insights = COALESCE(:insights, insights), updated_at = :now
            WHERE batch_pk = :batchPk AND reference_id = :referenceId AND ordinal = 0
            """;
    private static final String ATTEMPTS = """
            SELECT a.attempt_no, a.started_at, a.ended_at, a.channel_sid, a.channel_status, a.outcome, a.detail,
                   r.reason, r.reason_detail
            FROM request_attempt a JOIN request r ON r.id = a.request_id
            WHERE r.batch_pk = :batchPk AND r.reference_id = :referenceId
            ORDER BY r.ordinal, a.attempt_no
            """;
    // Truncation to the hour is the same in both stores (H2 has DATE_TRUNC too); the stores keep
    // UTC offsets, so hours are UTC hours.
    private static final String PER_HOUR = """
            SELECT DATE_TRUNC('hour', a.started_at) AS started_hour, COUNT(*) AS n
            FROM request_attempt a JOIN request r ON r.id = a.request_id
            WHERE r.batch_pk = :batchPk
            GROUP BY DATE_TRUNC('hour', a.started_at)
            ORDER BY started_hour
            """;

    private static final String COUNTS = """
            SELECT request_status, channel_status, SUM(n) AS n FROM status_count
            WHERE batch_pk = :batchPk GROUP BY request_status, channel_status
            """;

    private final JdbcClient jdbc;

    ResultRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean report(
            long batchPk,
            String referenceId,
            @Nullable Long sessionId,
            @Nullable Long conversationId,
            @Nullable String insightsStatus,
            @Nullable String insightsJson,
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

    Optional<ResultRow> result(long id) {
        return jdbc.sql(RESULT_BY_ID).param("id", id).query((rs, n) -> row(rs)).optional();
    }

    /** The requests of {@code ids} (at most a thousand) that exist, by id. */
    java.util.Map<Long, ResultRow> results(java.util.Collection<Long> ids) {
        var rows = new java.util.HashMap<Long, ResultRow>();
        if (!ids.isEmpty()) {
            jdbc.sql(RESULTS_BY_IDS).param("ids", ids).query(rs -> {
                rows.put(rs.getLong("id"), row(rs));
            });
        }
        return rows;
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
                rs.getString("enrichment"),
                rs.getString("reason"),
                rs.getString("reason_detail"));
    }

    List<AttemptView> attempts(long batchPk, String referenceId) {
        return jdbc.sql(ATTEMPTS)
                .param("batchPk", batchPk)
                .param("referenceId", referenceId)
                .query((rs, n) -> new AttemptView(
                        rs.getInt("attempt_no"),
                        Instants.readRequired(rs, "started_at"),
                        Instants.read(rs, "ended_at"),
                        rs.getString("channel_sid"),
                        rs.getString("channel_status"),
                        rs.getString("outcome"),
                        rs.getString("detail"),
                        rs.getString("reason"),
                        rs.getString("reason_detail")))
                .list();
    }

    /** (request status, channel status) → count: the stripes of the counters summed. */
    Map<Map.Entry<String, String>, Long> counts(long batchPk) {
        var cells = new HashMap<Map.Entry<String, String>, Long>();
        jdbc.sql(COUNTS).param("batchPk", batchPk).query(rs -> {
            cells.put(Map.entry(rs.getString("request_status"), rs.getString("channel_status")), rs.getLong("n"));
        });
        return cells;
    }

    SequencedMap<Instant, Long> perHour(long batchPk) {
        var hours = new LinkedHashMap<Instant, Long>();
        jdbc.sql(PER_HOUR).param("batchPk", batchPk).query(rs -> {
            hours.put(Instants.readRequired(rs, "started_hour"), rs.getLong("n"));
        });
        return hours;
    }
}
