package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One status change of a request, decided from its state read under a row lock.
 *
 * @param from where the request stood (as locked, or as the previous change left it)
 * @param attemptNo the attempt the change belongs to
 * @param to the new status
 * @param toChannel the new channel status
 * @param dueAt when a request going back to PENDING may be tried again
 * @param attemptOutcome when not null, the attempt ends with this outcome
 * @param at when the channel observed it
 */
public record Change(
        RequestState from,
        int attemptNo,
        RequestStatus to,
        ChannelManagerStatus toChannel,
        @Nullable Instant dueAt,
        @Nullable String attemptOutcome,
        Instant at) {

    /** Whether the request is still being worked on by a channel after this change. */
    public boolean inFlight() {
        return to == RequestStatus.INITIATED || to == RequestStatus.CONNECTED;
    }

    /** The state the request is in after this change. */
    public RequestState after() {
        boolean keep = inFlight();
        return new RequestState(
                from.id(),
                from.batchPk(),
                to,
                toChannel,
                from.attemptCount(),
                from.timeZones(),
                keep ? from.leaseUntil() : null,
                keep ? from.leaseOwner() : null);
    }
}
