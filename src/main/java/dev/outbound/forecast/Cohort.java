package dev.outbound.forecast;

import dev.outbound.calendar.Recipient;
import java.time.Instant;

/**
 * Waiting requests the calendar treats alike: one recipient (zones and region), the same number of
 * attempts so far, falling due evenly from {@code firstDue} to {@code lastDue}. A count, not a list:
 * a batch of a million requests is a few thousand cohorts at most.
 */
public record Cohort(Recipient recipient, int attemptsSoFar, Instant firstDue, Instant lastDue, double count) {
    public Cohort {
        if (lastDue.isBefore(firstDue)) {
            throw new IllegalArgumentException("last due " + lastDue + " is before first due " + firstDue);
        }
        if (count < 0) {
            throw new IllegalArgumentException("a cohort cannot count " + count + " requests");
        }
    }

    /** Requests that all fall due at one instant. */
    public static Cohort at(Recipient recipient, int attemptsSoFar, Instant due, double count) {
        return new Cohort(recipient, attemptsSoFar, due, due, count);
    }
}
