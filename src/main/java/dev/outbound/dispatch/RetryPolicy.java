package dev.outbound.dispatch;

import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.calendar.CallingWindow;
import dev.outbound.calendar.Opening;
import dev.outbound.calendar.Recipient;
import dev.outbound.calendar.RecipientRules;
import dev.outbound.calendar.RestrictedDates;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.MachineOutcome;
import dev.outbound.campaign.RetryRule;
import dev.outbound.channel.ChannelManagerStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * When a request that did not reach its person is tried again: after the interval, at the next
 * moment the calendar allows (no restricted date, the calling window open, the recipient's rules
 * open), and never at or after the batch expires. The count and
 * interval come from the rule for the status the last attempt ended with ({@code retry_rules}),
 * else from {@code retryCount}/{@code retryInterval}: a request whose last attempt ended with a
 * status is retried while it has had at most that status's count of attempts, so a request that
 * stays BUSY under {@code {"BUSY": {"count": 3}}} gets one attempt plus three retries, and a
 * count of 0 ends it at the first such outcome. With {@code machine} COMPLETE, an attempt that
 * ends with MACHINE completes the request instead.
 */
public record RetryPolicy(
        int retryCount, Duration retryInterval, Map<ChannelManagerStatus, Rule> byStatus, MachineOutcome machine) {

    /** The interval when the campaign sets none: long enough not to pester, short enough to retry today. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

    /** One outcome's retries, its interval resolved. */
    public record Rule(int count, Duration interval) {
        public Rule {
            if (count < 0) {
                throw new IllegalArgumentException("retry count must not be negative: " + count);
            }
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("retry interval must be positive: " + interval);
            }
        }
    }

    public RetryPolicy {
        if (retryCount < 0) {
            throw new IllegalArgumentException("retry count must not be negative: " + retryCount);
        }
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("retry interval must be positive: " + retryInterval);
        }
        byStatus = byStatus.isEmpty() ? Map.of() : new EnumMap<>(byStatus);
    }

    /** One rule for every outcome, as campaigns without retry_rules have. */
    public RetryPolicy(int retryCount, Duration retryInterval) {
        this(retryCount, retryInterval, Map.of(), MachineOutcome.RETRY);
    }

    public static RetryPolicy of(CampaignRules rules) {
        Duration interval = rules.retryInterval() == null ? DEFAULT_INTERVAL : rules.retryInterval();
        var byStatus = new EnumMap<ChannelManagerStatus, Rule>(ChannelManagerStatus.class);
        for (Map.Entry<ChannelManagerStatus, RetryRule> e :
                rules.retryRules().byStatus().entrySet()) {
            Duration own = e.getValue().intervalDuration();
            byStatus.put(e.getKey(), new Rule(e.getValue().count(), own == null ? interval : own));
        }
        return new RetryPolicy(
                rules.retryCount(), interval, byStatus, rules.retryRules().machine());
    }

    /** The rule for an attempt that ended with {@code outcome}: its own, or the campaign's. */
    public Rule ruleFor(@Nullable ChannelManagerStatus outcome) {
        Rule own = outcome == null ? null : byStatus.get(outcome);
        return own == null ? new Rule(retryCount, retryInterval) : own;
    }

    /** Whether an attempt that ended with {@code outcome} ends the request COMPLETED. */
    public boolean completes(ChannelManagerStatus outcome) {
        return outcome == ChannelManagerStatus.MACHINE && machine == MachineOutcome.COMPLETE;
    }

    /** Whether a request that has had {@code attemptsSoFar} attempts may have another. */
    public boolean hasRetriesLeft(int attemptsSoFar) {
        return hasRetriesLeft(null, attemptsSoFar);
    }

    /** Whether a request whose {@code attemptsSoFar}th attempt ended with {@code outcome} may have another. */
    public boolean hasRetriesLeft(@Nullable ChannelManagerStatus outcome, int attemptsSoFar) {
        if (attemptsSoFar < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attemptsSoFar);
        }
        return attemptsSoFar <= ruleFor(outcome).count();
    }

    /**
     * When to try again after {@code attemptsSoFar} attempts, the last of which ended at {@code
     * lastEndedAt} with {@code outcome}: the calendar's first allowed instant for the recipient at or
     * after {@code lastEndedAt} plus the outcome's interval, saying which restricted date or recipient
     * rule delayed it. Empty when the outcome's retries are used up, when that instant is at or after
     * {@code expiresOn}, or when the calendar allows none within its horizon.
     */
    public Optional<Opening> nextAttempt(
            @Nullable ChannelManagerStatus outcome,
            int attemptsSoFar,
            Instant lastEndedAt,
            @Nullable Instant expiresOn,
            AttemptCalendar calendar,
            Recipient recipient) {
        if (!hasRetriesLeft(outcome, attemptsSoFar)) {
            return Optional.empty();
        }
        return calendar.opening(lastEndedAt.plus(ruleFor(outcome).interval()), recipient)
                .filter(o -> expiresOn == null || o.at().isBefore(expiresOn));
    }

    /** {@link #nextAttempt(ChannelManagerStatus, int, Instant, Instant, CallingWindow, Set)} by the campaign's rule. */
    public Optional<Instant> nextAttempt(
            int attemptsSoFar,
            Instant lastEndedAt,
            @Nullable Instant expiresOn,
            CallingWindow window,
            Set<ZoneId> zones) {
        return nextAttempt(null, attemptsSoFar, lastEndedAt, expiresOn, window, zones);
    }

    /**
     * {@link #nextAttempt(ChannelManagerStatus, int, Instant, Instant, AttemptCalendar, Recipient)}
     * for a calendar that is only {@code window}, read in all {@code zones}: no restricted dates and
     * no recipient rules. The same search, so retries have one implementation.
     */
    public Optional<Instant> nextAttempt(
            @Nullable ChannelManagerStatus outcome,
            int attemptsSoFar,
            Instant lastEndedAt,
            @Nullable Instant expiresOn,
            CallingWindow window,
            Set<ZoneId> zones) {
        var calendar =
                new AttemptCalendar(window, true, zones.iterator().next(), RestrictedDates.NONE, RecipientRules.NONE);
        return nextAttempt(outcome, attemptsSoFar, lastEndedAt, expiresOn, calendar, new Recipient(zones, null))
                .map(Opening::at);
    }
}
