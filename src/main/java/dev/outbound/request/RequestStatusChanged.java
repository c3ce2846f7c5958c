package dev.outbound.request;

import java.time.Instant;

/**
 * Published synchronously, inside the changing transaction, whenever a request's status or
 * channel status changes one request at a time (claims, outcomes, voided attempts). Listeners
 * that write in the same transaction (the webhook outbox) commit or roll back with the change.
 * Bulk changes (cancel on delete or removal, expiry) publish nothing.
 */
public record RequestStatusChanged(
        long requestId,
        long batchPk,
        RequestStatus from,
        String fromChannel,
        RequestStatus to,
        String toChannel,
        int attemptNo,
        Instant at) {

    /** The channel status is now a different one. */
    public boolean channelChanged() {
        return !fromChannel.equals(toChannel);
    }
}
