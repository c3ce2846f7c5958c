package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.store.EnumSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Status conditions as SQL, generated from the enums so that no statement spells a status list
 * of its own.
 */
final class StatusSql {
    /** The in-flight condition every lease, reconciliation and renewal query shares. */
    static final String IN_FLIGHT = in("status", RequestStatus.IN_FLIGHT);

    private StatusSql() {}

    /** {@code column IN ('A', 'B')}. */
    static String in(String column, Collection<RequestStatus> statuses) {
        return column + " IN " + EnumSql.in(statuses);
    }

    /** The (status, channel status) cell of a row that a counted statement answered. */
    static CountKey cell(ResultSet rs) throws SQLException {
        return new CountKey(
                RequestStatus.valueOf(rs.getString("status")),
                ChannelManagerStatus.of(rs.getString("channel_manager_status")));
    }
}
