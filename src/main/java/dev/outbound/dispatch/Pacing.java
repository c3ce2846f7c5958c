package dev.outbound.dispatch;

import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.campaign.CampaignRules;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Rate arithmetic, in attempts per hour. Every rate answered here lies within {@value #MIN_RATE}..
 * {@value #MAX_RATE}, the bounds the contract puts on {@code hourly_rate} and {@code call_rate}.
 */
public final class Pacing {

    public static final double MIN_RATE = 1;
    public static final double MAX_RATE = 3600;

    /** "Subsequent cycles hold the rate within +/- 20% of it" (the contract's baseline rate). */
    public static final double BASELINE_TOLERANCE = 0.20;

    private static final double NANOS_PER_HOUR = 3_600_000_000_000.0;
    private static final double SECONDS_PER_HOUR = 3600;

    private Pacing() {}

    /** The gap between attempts at {@code attemptsPerHour} (clamped), to the nanosecond. */
    public static Duration interval(double attemptsPerHour) {
        return Duration.ofNanos(Math.round(NANOS_PER_HOUR / clamp(attemptsPerHour)));
    }

    /** The batch's own {@code call_rate} when it has one, otherwise the campaign's {@code hourly_rate}. */
    public static double effectiveRate(@Nullable Integer batchCallRate, int campaignHourlyRate) {
        return clamp(batchCallRate != null ? batchCallRate : campaignHourlyRate);
    }

    /**
     * A batch's rate now: auto-paced (the {@code remaining} requests over the calling hours left
     * before {@code expiresOn}, held near {@code baseline} once there is one), else its own
     * {@code callRate}, else the campaign's hourly rate. The dispatcher and the forecast both ask
     * this, so a forecast runs at the pace the batch will get.
     */
    public static double rate(
            boolean auto,
            @Nullable Instant expiresOn,
            @Nullable Double baseline,
            @Nullable Integer callRate,
            CampaignRules rules,
            AttemptCalendar calendar,
            long remaining,
            Instant now) {
        if (auto && expiresOn != null) {
            // On the campaign's clock, also in recipient mode: the pace is the batch's, not a zone's;
            // restricted dates are not open time.
            Duration open = calendar.openTimeBetween(now, expiresOn);
            double rate = autoRate(remaining, open);
            return baseline == null ? rate : clampToBaseline(rate, baseline);
        }
        return effectiveRate(callRate, rules.hourlyRate());
    }

    /**
     * The rate that dials {@code remainingDialable} requests in {@code openTimeLeft} of calling
     * hours. Nothing left to dial answers the minimum (the rate then hardly matters); no open time
     * left with work remaining answers the maximum (dial as fast as allowed while still open).
     */
    public static double autoRate(long remainingDialable, Duration openTimeLeft) {
        if (remainingDialable <= 0) {
            return MIN_RATE;
        }
        if (openTimeLeft.isNegative() || openTimeLeft.isZero()) {
            return MAX_RATE;
        }
        // Seconds as a double rather than toNanos(), which overflows beyond 292 years.
        double seconds = openTimeLeft.getSeconds() + openTimeLeft.getNano() / 1e9;
        return clamp(remainingDialable * SECONDS_PER_HOUR / seconds);
    }

    /**
     * {@code rate} held within 20 % ({@link #BASELINE_TOLERANCE}) of {@code baseline} either way,
     * then clamped to the overall bounds. The baseline is the first auto-paced rate of a batch.
     */
    public static double clampToBaseline(double rate, double baseline) {
        requireNumber(rate);
        requireNumber(baseline);
        if (baseline <= 0) {
            throw new IllegalArgumentException("baseline rate must be positive: " + baseline);
        }
        double low = baseline * (1 - BASELINE_TOLERANCE);
        double high = baseline * (1 + BASELINE_TOLERANCE);
        return clamp(Math.min(Math.max(rate, low), high));
    }

    /** {@code rate} within {@value #MIN_RATE}..{@value #MAX_RATE}. */
    public static double clamp(double rate) {
        requireNumber(rate);
        return Math.min(Math.max(rate, MIN_RATE), MAX_RATE);
    }

    private static void requireNumber(double rate) {
        if (Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate is not a number");
        }
    }
}
