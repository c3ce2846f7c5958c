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
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code request} table's rows: inserts, reference ids, and a request's state read under a row
 * lock. Status changes go through {@link RequestStatusWriter}; leases, lookups and results have
 * their own repositories.
 */
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
    /** The load columns and why a rule decided a row, for uploads whose rules can decide one. */
    private static final List<String> REASON_COLUMNS = List.of("reason", "reason_detail");

    /** The columns a bulk load writes: {@link #LOAD_COLUMNS}, then the reasons and the priority if asked. */
    static List<String> loadColumns(boolean withReasons, boolean withPriority) {
        var columns = new java.util.ArrayList<>(LOAD_COLUMNS);
        if (withReasons) {
            columns.addAll(REASON_COLUMNS);
        }
        if (withPriority) {
            columns.add("priority");
        }
        return columns;
    }

    /** A full row (every load column, reasons, priority) cut to the columns of {@link #loadColumns}. */
    static @Nullable Object[] loadRow(@Nullable Object[] full, boolean withReasons, boolean withPriority) {
        if (withReasons && withPriority) {
            return full;
        }
        var row = new java.util.ArrayList<@Nullable Object>(
                java.util.Arrays.asList(full).subList(0, LOAD_COLUMNS.size()));
        if (withReasons) {
            row.addAll(java.util.Arrays.asList(full).subList(LOAD_COLUMNS.size(), LOAD_COLUMNS.size() + 2));
        }
        if (withPriority) {
            row.add(full[full.length - 1]);
        }
        return row.toArray();
    }

    private static final String INSERT = """
            INSERT INTO request (batch_pk, reference_id, ordinal, target, request_variables, status,
                                 channel_manager_status, attempt_count, due_at, created_at, updated_at, time_zone,
                                 line_type, reason, reason_detail, priority)
            VALUES (:batchPk, :referenceId, :ordinal, :target, :requestVariables, :status,
                    :channelManagerStatus, 0, :dueAt, :createdAt, :createdAt, :timeZone, :lineType,
                    :reason, :reasonDetail, :priority)
            """;

    // The first request of a batch for one person: by contact_id (matched in the stored compact
    // JSON, whose string escaping cannot fake a key), else by target among rows without one.
    private static final String FIRST_OF_PERSON = """
            SELECT reference_id FROM request
            WHERE batch_pk = :batchPk AND status NOT IN (:duplicate, :invalid) AND %s
            ORDER BY id LIMIT 1
            """;
    private static final String BY_CONTACT_ID = "request_variables LIKE :pattern ESCAPE '!'";
    private static final String BY_TARGET = """
            target = :target
            AND (request_variables NOT LIKE '%"contact_id":"%' OR request_variables LIKE '%"contact_id":""%')""";

    // Why a PENDING request waits; no status changes, so it needs no writer.
    private static final String NOTE_REASON = """
            UPDATE request SET reason = :reason, reason_detail = :detail WHERE id = :id
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

    private static final String LOCK_STATE = """
            SELECT id, batch_pk, status, channel_manager_status, attempt_count, time_zone, lease_until, lease_owner,
                   target, request_variables
            FROM request WHERE id = :id FOR UPDATE
            """;

    // In id order, so two transactions locking overlapping sets cannot deadlock.
    private static final String LOCK_STATES = """
            SELECT id, batch_pk, status, channel_manager_status, attempt_count, time_zone, lease_until, lease_owner,
                   target, request_variables
            FROM request WHERE id IN (:ids) ORDER BY id FOR UPDATE
            """;

    // The row a reference id names: its first one (later ones are DUPLICATE rows of it).
    private static final String LOCK_REFERENCE = """
            SELECT id, batch_pk, status, channel_manager_status, attempt_count, time_zone, lease_until, lease_owner,
                   target, request_variables, reason
            FROM request WHERE batch_pk = :batchPk AND reference_id = :referenceId AND ordinal = 0 FOR UPDATE
            """;

    private static final String FORGET_SENT = """
            UPDATE request SET sent_at = NULL WHERE id = :id AND attempt_count = 0
            """;

    private static final String PENDING_ZONE_SETS = """
            SELECT DISTINCT COALESCE(time_zone, '') AS zones FROM request WHERE batch_pk = :batchPk AND status = 'PENDING'
            """;

    // Scans the given batches' rows (request_claim's batch_pk prefix): there is no index on target,
    // which would slow every upload for the sake of a rare SMS reply.
    private static final String SENT_TO = """
            SELECT id, batch_pk, sent_at FROM request
            WHERE batch_pk IN (:batchPks) AND target = :target AND attempt_count > 0 AND sent_at IS NOT NULL
            """;

    private static final String LOCK_WHERE = """
            SELECT id, batch_pk, status, channel_manager_status, attempt_count, time_zone, lease_until, lease_owner,
                   target, request_variables
            FROM request WHERE %s FOR UPDATE
            """;
    private static final String NEVER_ATTEMPTED =
            "batch_pk = :batchPk AND reference_id IN (:referenceIds) AND attempt_count = 0";

    private final JdbcClient jdbc;
    private final Dialect dialect;

    RequestRepository(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** Reads and row-locks the requests {@code where} selects, before a bulk change of them. */
    List<RequestState> lockWhere(String where, Map<String, ?> params) {
        return jdbc.sql(LOCK_WHERE.formatted(where))
                .params(params)
                .query(RequestRepository::state)
                .list();
    }

    /** Deletes never-attempted requests of a batch; answers how many left each counter cell. */
    Map<CountKey, Long> deleteNeverAttempted(long batchPk, Collection<String> referenceIds) {
        var removed = new HashMap<CountKey, Long>();
        jdbc.sql(dialect.countedDelete("request", NEVER_ATTEMPTED, RequestStatusWriter.COUNTED))
                .param("batchPk", batchPk)
                .param("referenceIds", referenceIds)
                .query(rs -> {
                    removed.merge(StatusSql.cell(rs), rs.getLong("n"), Long::sum);
                });
        return removed;
    }

    void insert(
            long batchPk,
            String referenceId,
            int ordinal,
            Target target,
            String variablesJson,
            RequestStatus status,
            ChannelManagerStatus channelStatus,
            Instant now,
            @org.jspecify.annotations.Nullable String timeZone,
            @org.jspecify.annotations.Nullable RequestReason reason,
            @org.jspecify.annotations.Nullable String reasonDetail,
            int priority) {
        jdbc.sql(INSERT)
                .param("batchPk", batchPk)
                .param("referenceId", referenceId)
                .param("ordinal", ordinal)
                .param("target", target.value())
                .param("requestVariables", variablesJson)
                .param("status", status.name())
                .param("channelManagerStatus", channelStatus.wire())
                .param("dueAt", status == RequestStatus.PENDING ? Instants.toDb(now) : null)
                .param("createdAt", Instants.toDb(now))
                .param("timeZone", timeZone)
                .param("lineType", target.valid() ? target.lineType() : null)
                .param("reason", reason == null ? null : reason.name())
                .param("reasonDetail", reasonDetail)
                .param("priority", priority)
                .update();
    }

    /** The reference id of the batch's first usable request for a person; {@code jsonContactId} is JSON-escaped. */
    java.util.Optional<String> firstOfPerson(
            long batchPk, String target, @org.jspecify.annotations.Nullable String jsonContactId) {
        var spec = jdbc.sql(FIRST_OF_PERSON.formatted(jsonContactId == null ? BY_TARGET : BY_CONTACT_ID))
                .param("batchPk", batchPk)
                .param("duplicate", RequestStatus.DUPLICATE.name())
                .param("invalid", RequestStatus.INVALID.name());
        spec = jsonContactId == null
                ? spec.param("target", target)
                : spec.param("pattern", "%\"contact_id\":\"" + jsonContactId.replaceAll("([!%_])", "!$1") + "\"%");
        return spec.query(String.class).optional();
    }

    void noteReason(long id, RequestReason reason, @org.jspecify.annotations.Nullable String detail) {
        jdbc.sql(NOTE_REASON)
                .param("reason", reason.name())
                .param("detail", detail)
                .param("id", id)
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

    /** The highest ordinal of each reference id already in the batch, for duplicate detection. */
    void maxOrdinals(long batchPk, Consumer<Map.Entry<String, Integer>> sink) {
        jdbc.sql(MAX_ORDINALS).param("batchPk", batchPk).withFetchSize(1000).query(rs -> {
            sink.accept(Map.entry(rs.getString("reference_id"), rs.getInt("ordinal")));
        });
    }

    /** A request whose only attempt was voided was never sent. */
    void forgetSentIfNeverAttempted(long id) {
        jdbc.sql(FORGET_SENT).param("id", id).update();
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

    java.util.Optional<CallbackSubject> lockReference(long batchPk, String referenceId) {
        return jdbc.sql(LOCK_REFERENCE)
                .param("batchPk", batchPk)
                .param("referenceId", referenceId)
                .query((rs, n) -> {
                    String reason = rs.getString("reason");
                    return new CallbackSubject(
                            state(rs, n),
                            rs.getString("target"),
                            rs.getString("request_variables"),
                            reason == null ? null : RequestReason.valueOf(reason));
                })
                .optional();
    }

    /** Reads and row-locks these requests, in id order; ids that do not exist are left out. */
    List<RequestState> lockStates(Collection<Long> ids) {
        return jdbc.sql(LOCK_STATES)
                .param("ids", ids)
                .query(RequestRepository::state)
                .list();
    }

    /** The attempted requests to {@code target} in these batches. */
    List<SentRequest> sentTo(String target, Collection<Long> batchPks) {
        return jdbc.sql(SENT_TO)
                .param("batchPks", batchPks)
                .param("target", target)
                .query((rs, n) ->
                        new SentRequest(rs.getLong("id"), rs.getLong("batch_pk"), Instants.readRequired(rs, "sent_at")))
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
                rs.getString("lease_owner"),
                rs.getString("target"),
                rs.getString("request_variables"));
    }

    record ReferenceState(String referenceId, String status, int attemptCount) {}
}
