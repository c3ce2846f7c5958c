package dev.outbound.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/v1/outbound/batches/{batch_id}/forecast} (an extension).
 *
 * @param remaining requests not final yet: waiting (first attempts, retries, callbacks) and in progress
 * @param expectedFirstAttempt when the first attempt still to come is expected (the batch's first
 *     when it has not started); null when none is
 * @param expectedFinish when the last expected attempt ends, or the batch expires with work left
 * @param expectedAttempts attempts still to come, retries included
 * @param willExpireUnattempted requests expected to be canceled by expiry without any attempt
 * @param byDay attempts planned per day, in the campaign's zone
 * @param doneByDay attempts made per day so far, in the campaign's zone
 */
public record Forecast(
        String batchId,
        Instant computedAt,
        long remaining,
        long inProgress,
        @Nullable Instant expectedFirstAttempt,
        @Nullable Instant expectedFinish,
        long expectedAttempts,
        long willExpireUnattempted,
        List<Day> byDay,
        List<Day> doneByDay,
        Assumptions assumptions) {

    /** Attempts on one campaign-local day. */
    public record Day(LocalDate date, long attempts) {}
}
