package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.store.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The text of a claim, for {@link RequestStatusWriter} to run: one pick per batch (its due
 * PENDING rows, oldest first, up to its limit, skipping rows another node holds), joined into one
 * statement so that any number of batches costs one round trip on either store.
 *
 * @param pick the query that selects the rows to claim, with {@link #COLUMNS}
 * @param params the parameters of the picks (zone sets); the writer adds the transition's
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
            "channel_manager_status");
    static final String SET = """
            status = :to, channel_manager_status = :toChannel, attempt_count = t.attempt_count + 1, sent_at = :now,
            lease_owner = :node, lease_until = :leaseUntil, updated_at = :now
            """;
    // A derived table per batch: PostgreSQL allows no row lock directly under UNION ALL.
    private static final String PICK = """
            SELECT * FROM (
                SELECT %1$s FROM request
                WHERE batch_pk = %2$d AND status = :from AND due_at <= :now %3$s
                ORDER BY due_at, id LIMIT %4$d%5$s
            ) p%6$d
            """;

    /** The claim of {@code wants}, or null when none of them wants anything. */
    static @Nullable ClaimStatement of(List<ClaimWant> wants, Dialect dialect) {
        var params = new MapSqlParameterSource();
        var picks = new ArrayList<String>();
        for (ClaimWant w : wants) {
            var zones = w.zones();
            if (w.limit() <= 0 || (zones != null && zones.isEmpty())) {
                continue;
            }
            int i = picks.size();
            String zoned = "";
            if (zones != null) {
                zoned = "AND COALESCE(time_zone, '') IN (:zones" + i + ")";
                params.addValue("zones" + i, zones);
            }
            // Batch keys and limits are numbers this code made, so they are written into the text.
            picks.add(
                    PICK.formatted(String.join(", ", COLUMNS), w.batchPk(), zoned, w.limit(), dialect.skipLocked(), i));
        }
        return picks.isEmpty() ? null : new ClaimStatement(String.join(" UNION ALL ", picks), params);
    }

    /** A claimed row, as picked: its attempt count and channel status are the ones before the claim. */
    static ClaimedRequest claimed(ResultSet rs, Map<Long, ChannelManagerStatus> oldChannel) throws SQLException {
        long id = rs.getLong("id");
        int attempt = rs.getInt("attempt_count") + 1;
        oldChannel.put(id, ChannelManagerStatus.of(rs.getString("channel_manager_status")));
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
