package dev.outbound.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * What the simulation found.
 *
 * @param firstAttempt when the first attempt is expected, null when none is
 * @param finish when the last expected attempt ends (or the batch expires with work left); null
 *     when nothing is left, or the calendar never opens
 * @param attempts expected attempts, first ones and retries
 * @param expireUnattempted requests expected never to be attempted before the batch expires
 * @param byDay expected attempts per campaign-local day
 */
public record Projection(
        @Nullable Instant firstAttempt,
        @Nullable Instant finish,
        double attempts,
        double expireUnattempted,
        SortedMap<LocalDate, Double> byDay) {}
