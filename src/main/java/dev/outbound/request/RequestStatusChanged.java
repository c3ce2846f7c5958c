package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Published synchronously, inside the changing transaction, whenever a request's status or
 * channel status changes: claims, outcomes, voided attempts, and bulk cancels (batch delete,
 * removal, expiry) when a {@link StatusChangeInterest} asks for them. Listeners that write in the
 * same transaction (the webhook outbox) commit or roll back with the change. Expiry's move of
 * retry-waiting requests to FAILED keeps their channel status and publishes nothing.
 */
public record RequestStatusChanged(
        long requestId,
        long batchPk,
        RequestStatus from,
        @Nullable ChannelManagerStatus fromChannel,
        RequestStatus to,
        ChannelManagerStatus toChannel,
        int attemptNo,
        Instant at) {

    /** The channel status is now a different one. */
    public boolean channelChanged() {
        return fromChannel != toChannel;
    }
}
