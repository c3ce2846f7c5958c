package dev.outbound.forecast;

import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.dispatch.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a forecast runs on, read once: what is waiting, and the rules the dispatcher applies.
 *
 * @param campaignZone the zone days are counted in (by_day, max_daily_calls)
 * @param madeToday attempts the campaign already made today (campaign-local), against {@code maxDailyCalls}
 * @param maxConcurrent attempts in progress at once; with the mean attempt length it bounds the pace
 * @param step the simulation's time step: the finer, the closer to the dispatcher's ticks
 */
public record Plan(
        Instant now,
        AttemptCalendar calendar,
        ZoneId campaignZone,
        List<Cohort> waiting,
        Pace pace,
        @Nullable Integer maxDailyCalls,
        long madeToday,
        @Nullable Integer maxConcurrent,
        OutcomeMix mix,
        RetryPolicy retries,
        @Nullable Instant expiresOn,
        Duration step) {

    public Plan {
        waiting = List.copyOf(waiting);
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
    }
}
