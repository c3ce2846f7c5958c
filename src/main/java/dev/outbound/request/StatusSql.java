package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Status conditions as SQL, generated from the enums so that no statement spells a status list
 * of its own. Status names are enum constants, so writing them into SQL text is safe.
 */
final class StatusSql {
    /** The in-flight condition every lease, reconciliation and renewal query shares. */
    static final String IN_FLIGHT = in("status", RequestStatus.IN_FLIGHT);

    private StatusSql() {}

    /** {@code column IN ('A', 'B')}, or a condition that is never true for no status. */
    static String in(String column, Collection<RequestStatus> statuses) {
        if (statuses.isEmpty()) {
            return "1 = 0";
        }
        return column + " IN ("
                + statuses.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ")) + ")";
    }

    /** The (status, channel status) cell of a row that a counted statement answered. */
    static CountKey cell(ResultSet rs) throws SQLException {
        return new CountKey(
                RequestStatus.valueOf(rs.getString("status")),
                ChannelManagerStatus.of(rs.getString("channel_manager_status")));
    }
}
