package dev.outbound.channel;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether the trunk answers: an OPTIONS every {@code OUTBOUND_SIP_KEEPALIVE}, and any response to
 * it (or to an INVITE) counts. Until the first answer, and while the last OPTIONS has waited more
 * than {@link #PROBE_WAIT} without one, the trunk is down and no call starts.
 */
final class SipTrunkHealth {
    static final Duration PROBE_WAIT = Duration.ofSeconds(4);

    private final Duration keepalive;
    private @Nullable Instant probeSentAt;
    private @Nullable Instant answeredAt;
    private boolean failed;

    SipTrunkHealth(Duration keepalive) {
        this.keepalive = keepalive;
    }

    /** True when an OPTIONS is due at {@code now}; the caller sends it. */
    synchronized boolean probeDue(Instant now) {
        if (keepalive.isZero() || keepalive.isNegative()) {
            return false;
        }
        if (probeSentAt == null) {
            probeSentAt = now;
            return true;
        }
        // While the trunk is down, ask again soon rather than a whole keep-alive later.
        boolean unanswered = failed || answeredAt == null || answeredAt.isBefore(probeSentAt);
        boolean due = !now.isBefore(probeSentAt.plus(unanswered ? PROBE_WAIT : keepalive));
        if (due) {
            probeSentAt = now;
        }
        return due;
    }

    synchronized void answered(Instant at) {
        answeredAt = at;
        failed = false;
    }

    synchronized void unanswered() {
        failed = true;
    }

    synchronized boolean up(Instant now) {
        if (keepalive.isZero() || keepalive.isNegative()) {
            return true;
        }
        if (failed || answeredAt == null) {
            return false;
        }
        Instant sent = probeSentAt;
        if (sent == null || !answeredAt.isBefore(sent)) {
            return true;
        }
        return now.isBefore(sent.plus(PROBE_WAIT)); // the last OPTIONS is still within its wait
    }
}
