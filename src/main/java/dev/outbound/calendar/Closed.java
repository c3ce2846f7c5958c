package dev.outbound.calendar;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Why the calendar does not allow an attempt at an instant, and the first instant it does ({@code
 * until}, null when none is found within the search horizon).
 */
public record Closed(Cause cause, String detail, @Nullable Instant until) {
    public enum Cause {
        /** Outside the campaign's daily hours or active days. */
        OUTSIDE_HOURS,
        /** On a restricted date of the campaign or the organization. */
        RESTRICTED_DATE,
        /** Outside the hours a rule for the recipient's region allows. */
        OUTSIDE_RECIPIENT_HOURS
    }
}
