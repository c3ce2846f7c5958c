package dev.outbound.request;

import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code request_attempt} table: one row per attempt, kept as history. */
@Repository
class AttemptRepository {
    private static final String INSERT = """
            INSERT INTO request_attempt (request_id, attempt_no, idempotency_key, started_at)
            VALUES (:requestId, :attemptNo, :key, :startedAt)
            """;
    private static final String SET_SID = """
            UPDATE request_attempt SET channel_sid = :sid WHERE request_id = :requestId AND attempt_no = :attemptNo
            """;
    private static final String OBSERVE = """
            UPDATE request_attempt SET channel_status = :status
            WHERE request_id = :requestId AND attempt_no = :attemptNo AND ended_at IS NULL
            """;
    private static final String END = """
            UPDATE request_attempt SET ended_at = :endedAt, channel_status = :status, outcome = :outcome
            WHERE request_id = :requestId AND attempt_no = :attemptNo AND ended_at IS NULL
            """;
    private static final String DETAIL = """
            UPDATE request_attempt SET detail = :detail WHERE request_id = :requestId AND attempt_no = :attemptNo
            """;
    private static final String DELETE = """
            DELETE FROM request_attempt WHERE request_id = :requestId AND attempt_no = :attemptNo
            """;
    private static final String LIST = """
            SELECT a.attempt_no, a.started_at, a.ended_at, a.channel_sid, a.channel_status, a.outcome, a.detail
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

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate batch;

    AttemptRepository(JdbcClient jdbc, org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** One attempt row per claimed request, in one round trip. */
    void insertAll(java.util.List<ClaimedRequest> claimed, Instant startedAt) {
        var rows = claimed.stream()
                .map(c -> new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                        .addValue("requestId", c.id())
                        .addValue("attemptNo", c.attemptNo())
                        .addValue("key", c.idempotencyKey())
                        .addValue("startedAt", Instants.toDb(startedAt)))
                .toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new);
        batch.batchUpdate(INSERT, rows);
    }

    void setSids(java.util.List<SidUpdate> sids) {
        batch.batchUpdate(SET_SID, RequestRepository.sidRows(sids));
    }

    /**
     * Records where each attempt ended (changes with an outcome) or stands now (without), in two
     * round trips; {@code finals} holds the last change of each request.
     */
    void recordAll(java.util.List<Change> finals) {
        var ended = new java.util.ArrayList<org.springframework.jdbc.core.namedparam.SqlParameterSource>();
        var observed = new java.util.ArrayList<org.springframework.jdbc.core.namedparam.SqlParameterSource>();
        for (Change c : finals) {
            var row = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                    .addValue("status", c.toChannel().wire())
                    .addValue("requestId", c.from().id())
                    .addValue("attemptNo", c.attemptNo());
            if (c.attemptOutcome() != null) {
                ended.add(row.addValue("endedAt", Instants.toDb(c.at())).addValue("outcome", c.attemptOutcome()));
            } else {
                observed.add(row);
            }
        }
        if (!ended.isEmpty()) {
            batch.batchUpdate(END, ended.toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new));
        }
        if (!observed.isEmpty()) {
            batch.batchUpdate(
                    OBSERVE, observed.toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new));
        }
    }

    void observe(long requestId, int attemptNo, String status) {
        jdbc.sql(OBSERVE)
                .param("status", status)
                .param("requestId", requestId)
                .param("attemptNo", attemptNo)
                .update();
    }

    void end(long requestId, int attemptNo, Instant endedAt, String status, String outcome) {
        jdbc.sql(END)
                .param("endedAt", Instants.toDb(endedAt))
                .param("status", status)
                .param("outcome", outcome)
                .param("requestId", requestId)
                .param("attemptNo", attemptNo)
                .update();
    }

    void detail(long requestId, int attemptNo, String detail) {
        jdbc.sql(DETAIL)
                .param("detail", detail.length() > 1000 ? detail.substring(0, 1000) : detail)
                .param("requestId", requestId)
                .param("attemptNo", attemptNo)
                .update();
    }

    void delete(long requestId, int attemptNo) {
        jdbc.sql(DELETE)
                .param("requestId", requestId)
                .param("attemptNo", attemptNo)
                .update();
    }

    List<AttemptView> list(long batchPk, String referenceId) {
        return jdbc.sql(LIST)
                .param("batchPk", batchPk)
                .param("referenceId", referenceId)
                .query((rs, n) -> new AttemptView(
                        rs.getInt("attempt_no"),
                        Instants.readRequired(rs, "started_at"),
                        Instants.read(rs, "ended_at"),
                        rs.getString("channel_sid"),
                        rs.getString("channel_status"),
                        rs.getString("outcome"),
                        rs.getString("detail")))
                .list();
    }

    List<HourCount> perHour(long batchPk) {
        return jdbc.sql(PER_HOUR)
                .param("batchPk", batchPk)
                .query((rs, n) -> new HourCount(Instants.readRequired(rs, "started_hour"), rs.getLong("n")))
                .list();
    }
}
