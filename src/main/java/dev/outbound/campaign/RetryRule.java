package dev.outbound.campaign;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a request is retried after an attempt that ended with one channel status.
 *
 * @param count the request is retried while it has had at most this many attempts (0: never)
 * @param interval as given ({@code 10m}, {@code 1h}, {@code 1d}); null takes the campaign's
 *     retry_interval
 */
public record RetryRule(int count, @Nullable String interval) {
    public RetryRule {
        if (count < 0) {
            throw new IllegalArgumentException("retry count must not be negative: " + count);
        }
        if (interval != null && CampaignValues.parseRetryInterval(interval) == null) {
            throw new IllegalArgumentException("not a retry interval: " + interval);
        }
    }

    /** The interval, or null for the campaign's. */
    public @Nullable Duration intervalDuration() {
        return interval == null ? null : CampaignValues.parseRetryInterval(interval);
    }
}
