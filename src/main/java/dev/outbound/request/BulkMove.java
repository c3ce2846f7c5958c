package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The set-based status changes: which requests of a batch move, from which statuses, to where.
 * The writer builds each statement from these and checks every source against the lifecycle table,
 * so no bulk statement spells a transition of its own.
 */
enum BulkMove {
    /** Batch deleted: every waiting request is canceled. */
    CANCEL_WAITING(EnumSet.of(RequestStatus.PENDING), "", RequestStatus.CANCELED, ChannelManagerStatus.CANCELED),
    /** Reference ids removed: those of them waiting for a retry are canceled. */
    CANCEL_REFERENCES(
            EnumSet.of(RequestStatus.PENDING),
            "AND reference_id IN (:referenceIds)",
            RequestStatus.CANCELED,
            ChannelManagerStatus.CANCELED),
    /** Batch expired: never-attempted requests are canceled. */
    CANCEL_NEVER_ATTEMPTED(
            EnumSet.of(RequestStatus.PENDING),
            "AND attempt_count = 0",
            RequestStatus.CANCELED,
            ChannelManagerStatus.CANCELED),
    /** Batch expired: requests waiting for a retry fail, keeping what their last attempt said. */
    FAIL_RETRY_WAITING(EnumSet.of(RequestStatus.PENDING), "AND attempt_count > 0", RequestStatus.FAILED, null);

    final Set<RequestStatus> from;
    /** Conditions after {@code batch_pk = :batchPk AND status IN (...)}. */
    final String condition;

    final RequestStatus to;
    /** The new channel status, or null to keep each request's own (and publish no event). */
    final @Nullable ChannelManagerStatus toChannel;

    BulkMove(Set<RequestStatus> from, String condition, RequestStatus to, @Nullable ChannelManagerStatus toChannel) {
        this.from = from;
        this.condition = condition;
        this.to = to;
        this.toChannel = toChannel;
    }

    /** The rows this move changes in batch {@code :batchPk}. */
    String where() {
        return "batch_pk = :batchPk AND " + StatusSql.in("status", from) + " " + condition;
    }
}
