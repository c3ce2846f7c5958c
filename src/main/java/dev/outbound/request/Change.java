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
 * @param reason why the request was held back or skipped, when a rule did it
 * @param reasonDetail the rule that applied, in words
 */
public record Change(
        RequestState from,
        int attemptNo,
        RequestStatus to,
        ChannelManagerStatus toChannel,
        @Nullable Instant dueAt,
        @Nullable String attemptOutcome,
        Instant at,
        @Nullable RequestReason reason,
        @Nullable String reasonDetail) {

    /** A change no rule explains (an outcome the channel reported). */
    public Change(
            RequestState from,
            int attemptNo,
            RequestStatus to,
            ChannelManagerStatus toChannel,
            @Nullable Instant dueAt,
            @Nullable String attemptOutcome,
            Instant at) {
        this(from, attemptNo, to, toChannel, dueAt, attemptOutcome, at, null, null);
    }

    /** This change, explained by {@code reason} and {@code detail}. */
    public Change because(RequestReason reason, @Nullable String detail) {
        return new Change(from, attemptNo, to, toChannel, dueAt, attemptOutcome, at, reason, detail);
    }

    /** Whether the request is still being worked on by a channel after this change. */
    public boolean inFlight() {
        return to.inFlight();
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
                keep ? from.leaseOwner() : null,
                from.target(),
                from.variablesJson());
    }

    /** This change restated from {@code start}: where a request's first change of a chunk began. */
    Change from(RequestState start) {
        return new Change(start, attemptNo, to, toChannel, dueAt, attemptOutcome, at, reason, reasonDetail);
    }

    /** The event that announces this change. */
    RequestStatusChanged event() {
        return new RequestStatusChanged(
                from.id(), from.batchPk(), from.status(), from.channelStatus(), to, toChannel, attemptNo, at);
    }
}
