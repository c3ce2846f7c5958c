package dev.outbound.calendar;

import dev.outbound.calendar.Closed.Cause;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The first instant the calendar allows an attempt, and, when a restricted date or a recipient
 * rule (not the campaign's own hours) made it later than the campaign's window alone would have,
 * which one and in words: what a retry or a hold says in its {@code reason}.
 */
public record Opening(
        Instant at, @Nullable Cause delayedBy, @Nullable String detail) {
    public Opening {
        if (delayedBy == Cause.OUTSIDE_HOURS) {
            throw new IllegalArgumentException("the campaign's own hours delay nothing beyond themselves");
        }
    }
}
