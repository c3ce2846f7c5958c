package dev.outbound.dispatch;

import dev.outbound.calendar.Closed;
import dev.outbound.request.RequestReason;
import dev.outbound.request.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The calendar at the claim, for each recipient: a restricted date on one of its zones' clocks,
 * or a rule for its region that does not allow it now, holds it (PENDING) until the calendar's
 * next allowed instant, and says which. The campaign's hours are not asked again: the allowance
 * step opened them for the tick (in recipient mode, only the zone sets open now are picked).
 *
 * <p>A request the calendar allows no time for before its batch expires waits until the batch
 * expires, which then ends it as it ends any request never attempted. It is not skipped: a late
 * window is not a reason to give up on a person, and the rules may be changed meanwhile. With no
 * expiry and no allowed time within the calendar's horizon, it is looked at again a day later.
 */
@Component
class CalendarRule implements EligibilityRule {
    /** How long a request that the calendar allows no time for waits before it is asked again. */
    static final Duration NEVER_RECHECK = Duration.ofDays(1);

    @Override
    public Map<Long, Verdict> judge(List<Candidate> candidates, Instant now) {
        var stopped = new HashMap<Long, Verdict>();
        for (Candidate c : candidates) {
            var recipient = c.recipient();
            if (recipient == null) {
                continue;
            }
            c.calendar()
                    .closedToRecipientAt(now, recipient)
                    .ifPresent(closed -> stopped.put(c.request().id(), hold(closed, c.expiresOn(), now)));
        }
        return stopped;
    }

    private static Verdict hold(Closed closed, @org.jspecify.annotations.Nullable Instant expiresOn, Instant now) {
        Instant until = closed.until();
        if (until != null && (expiresOn == null || until.isBefore(expiresOn))) {
            return new Verdict.Hold(until, reason(closed.cause()), closed.detail());
        }
        if (expiresOn != null) {
            return new Verdict.Hold(
                    expiresOn.isAfter(now) ? expiresOn : now,
                    reason(closed.cause()),
                    closed.detail() + "; no allowed time before the batch expires");
        }
        return new Verdict.Hold(
                now.plus(NEVER_RECHECK), reason(closed.cause()), closed.detail() + "; no allowed time found");
    }

    /** The reason a request gives when the calendar held it back or delayed its retry. */
    static RequestReason reason(Closed.Cause cause) {
        return switch (cause) {
            case RESTRICTED_DATE -> RequestReason.RESTRICTED_DATE;
            case OUTSIDE_RECIPIENT_HOURS -> RequestReason.OUTSIDE_RECIPIENT_HOURS;
            case OUTSIDE_HOURS ->
                throw new IllegalArgumentException("the campaign's hours hold nothing at the claim or give no reason");
        };
    }
}
