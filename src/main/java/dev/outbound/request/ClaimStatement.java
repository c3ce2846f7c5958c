package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.store.Dialect;
import dev.outbound.store.Instants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The text of a claim, for {@link RequestStatusWriter} to run: per batch, its due PENDING rows,
 * oldest first (highest priority first, then oldest, in a batch that has priorities), up to its limit, skipping rows another node holds. Batches without a zone limit
 * share one statement, so any number of them costs one round trip; a batch limited to open
 * recipient zones has a statement of its own.
 *
 * @param pick the query that selects the rows to claim, with {@link #COLUMNS}
 * @param params the parameters of the pick (its zone sets); the writer adds the transition's
 */
record ClaimStatement(String pick, MapSqlParameterSource params) {
    static final List<String> COLUMNS = List.of(
            "id",
            "batch_pk",
            "reference_id",
            "target",
            "request_variables",
            "attempt_count",
            "time_zone",
            "channel_manager_status",
            "sent_at",
            "due_at");
    static final String SET = """
            status = :to, channel_manager_status = :toChannel, attempt_count = t.attempt_count + 1, sent_at = :now,
            lease_owner = :node, lease_until = :leaseUntil, reason = NULL, reason_detail = NULL, updated_at = :now
            """;
    // %1$s and %2$s are the batch key and the limit, as the dialect fills them in per batch.
    private static final String PICK = """
            SELECT %s FROM request
            WHERE batch_pk = %%1$s AND status = :from AND due_at <= :now %s
            ORDER BY %s LIMIT %%2$s%s
            """;
    /** Upload order, retries at their due time: the order request_claim serves without sorting. */
    private static final String DUE_ORDER = "due_at, id";
    /**
     * Only for batches that have priorities: the batch's due rows are sorted (measured in
     * bench/priority: see the README), which a batch without them does not pay for.
     */
    private static final String PRIORITY_ORDER = "priority DESC, due_at, id";

    /** The statements that claim what {@code wants} ask for; none when they ask for nothing. */
    static List<ClaimStatement> of(List<ClaimWant> wants, Dialect dialect) {
        var together = new ArrayList<long[]>();
        var prioritized = new ArrayList<long[]>();
        var statements = new ArrayList<ClaimStatement>();
        for (ClaimWant w : wants) {
            var zones = w.zones();
            if (w.limit() <= 0 || (zones != null && zones.isEmpty())) {
                continue;
            }
            long[] group = {w.batchPk(), w.limit()};
            if (zones == null) {
                (w.prioritized() ? prioritized : together).add(group);
            } else {
                String zoned = pick("AND COALESCE(time_zone, '') IN (:zones)", w.prioritized(), dialect);
                statements.add(new ClaimStatement(
                        dialect.pickPerGroup(List.<long[]>of(group), zoned),
                        new MapSqlParameterSource("zones", zones)));
            }
        }
        if (!prioritized.isEmpty()) {
            statements.add(
                    0,
                    new ClaimStatement(
                            dialect.pickPerGroup(prioritized, pick("", true, dialect)), new MapSqlParameterSource()));
        }
        if (!together.isEmpty()) {
            statements.add(
                    0,
                    new ClaimStatement(
                            dialect.pickPerGroup(together, pick("", false, dialect)), new MapSqlParameterSource()));
        }
        return statements;
    }

    private static String pick(String condition, boolean prioritized, Dialect dialect) {
        return PICK.formatted(
                String.join(", ", COLUMNS), condition, prioritized ? PRIORITY_ORDER : DUE_ORDER, dialect.skipLocked());
    }

    /**
     * The parameters that take back a claim the rules set aside: a hold waits until its instant
     * and a wait stays due as it was, both with the channel status they had; a skip ends with the
     * verdict's; all say why.
     */
    static MapSqlParameterSource takeBack(ClaimedRequest c, Before was, Verdict verdict) {
        var params = new MapSqlParameterSource()
                .addValue("id", c.id())
                .addValue("attemptNo", c.attemptNo())
                .addValue("sentAt", Instants.toDb(was.sentAt()));
        return switch (verdict) {
            case Verdict.Hold h ->
                params.addValue("skip", false)
                        .addValue("toChannel", was.channelStatus().wire())
                        .addValue("dueAt", Instants.toDb(h.until()))
                        .addValue("reason", h.reason().name())
                        .addValue("reasonDetail", h.detail());
            case Verdict.Wait w ->
                params.addValue("skip", false)
                        .addValue("toChannel", was.channelStatus().wire())
                        .addValue("dueAt", Instants.toDb(was.dueAt()))
                        .addValue("reason", w.reason().name())
                        .addValue("reasonDetail", w.detail());
            case Verdict.Skip k ->
                params.addValue("skip", true)
                        .addValue("toChannel", k.channelStatus().wire())
                        .addValue("dueAt", null)
                        .addValue("reason", k.reason().name())
                        .addValue("reasonDetail", k.detail());
            case Verdict.Allow a -> throw new IllegalArgumentException("an allowed claim is not taken back");
        };
    }

    /** What a claim changes that taking it back restores. */
    record Before(
            ChannelManagerStatus channelStatus,
            @Nullable Instant sentAt,
            @Nullable Instant dueAt) {}

    /** A claimed row, as picked: its attempt count and channel status are the ones before the claim. */
    static ClaimedRequest claimed(ResultSet rs, Map<Long, Before> before) throws SQLException {
        long id = rs.getLong("id");
        int attempt = rs.getInt("attempt_count") + 1;
        before.put(
                id,
                new Before(
                        ChannelManagerStatus.of(rs.getString("channel_manager_status")),
                        Instants.read(rs, "sent_at"),
                        Instants.read(rs, "due_at")));
        return new ClaimedRequest(
                id,
                rs.getLong("batch_pk"),
                rs.getString("reference_id"),
                rs.getString("target"),
                rs.getString("request_variables"),
                attempt,
                id + "-" + attempt,
                rs.getString("time_zone"));
    }
}
