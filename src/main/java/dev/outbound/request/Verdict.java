package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import java.time.Instant;

/**
 * What the rules say of a request about to be claimed: attempt it now, hold it back until a later
 * instant (it stays PENDING), wait where it is for the next tick, or never attempt it (it ends
 * SKIPPED). Held and skipped requests give their slot back; waiting ones do not. All say why.
 */
public sealed interface Verdict {
    Verdict ALLOW = new Allow();

    record Allow() implements Verdict {}

    /** Waits until {@code until}; nothing else about it changes. */
    record Hold(Instant until, RequestReason reason, String detail) implements Verdict {}

    /**
     * Stays due as it was, and nothing more is claimed for its batch in this claim: what stops it
     * (capacity) stops the requests behind it too, so its slot is not given to another round.
     */
    record Wait(RequestReason reason, String detail) implements Verdict {}

    /** Ends SKIPPED with {@code channelStatus}, never attempted. */
    record Skip(ChannelManagerStatus channelStatus, RequestReason reason, String detail) implements Verdict {}
}
