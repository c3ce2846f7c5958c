package dev.outbound.dispatch;

import dev.outbound.campaign.CampaignRules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * When a request that did not reach its person is tried again: after {@code retryInterval}, at the
 * next moment the calling window is open, and never at or after the batch expires. A request gets
 * one attempt plus {@code retryCount} retries.
 */
public record RetryPolicy(int retryCount, Duration retryInterval) {

    /** The interval when the campaign sets none: long enough not to pester, short enough to retry today. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

    public RetryPolicy {
        if (retryCount < 0) {
            throw new IllegalArgumentException("retry count must not be negative: " + retryCount);
        }
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("retry interval must be positive: " + retryInterval);
        }
    }

    public static RetryPolicy of(CampaignRules rules) {
        Duration interval = rules.retryInterval();
        return new RetryPolicy(rules.retryCount(), interval == null ? DEFAULT_INTERVAL : interval);
    }

    /** Whether a request that has had {@code attemptsSoFar} attempts may have another. */
    public boolean hasRetriesLeft(int attemptsSoFar) {
        if (attemptsSoFar < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attemptsSoFar);
        }
        return attemptsSoFar <= retryCount;
    }

    /**
     * When to try again after {@code attemptsSoFar} attempts, the last of which ended at {@code
     * lastEndedAt}: the first instant the window is open in all {@code zones} at or after {@code
     * lastEndedAt + retryInterval}. Empty when the retries are used up, when that instant is at or
     * after {@code expiresOn}, or when the window does not open (see {@link
     * CallingWindow#nextOpen}).
     */
    public Optional<Instant> nextAttempt(
            int attemptsSoFar,
            Instant lastEndedAt,
            @Nullable Instant expiresOn,
            CallingWindow window,
            Set<ZoneId> zones) {
        if (!hasRetriesLeft(attemptsSoFar)) {
            return Optional.empty();
        }
        return window.nextOpen(lastEndedAt.plus(retryInterval), zones)
                .filter(at -> expiresOn == null || at.isBefore(expiresOn));
    }
}
