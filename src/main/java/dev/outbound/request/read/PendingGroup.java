package dev.outbound.request.read;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Waiting requests of a batch that the calendar treats alike, counted rather than loaded: the same
 * stored time-zone set, the same number of attempts so far, due within one hour, and (when asked
 * for) the same number prefix, with one of their targets to read the region from.
 *
 * @param zones the stored time-zone set (null: the campaign's zone)
 * @param firstDue the earliest due instant in the group
 * @param lastDue the latest
 * @param sampleTarget one target of the group (the least), or null when the prefix was not asked for
 */
public record PendingGroup(
        @Nullable String zones,
        int attemptsSoFar,
        Instant firstDue,
        Instant lastDue,
        long count,
        @Nullable String sampleTarget) {}
