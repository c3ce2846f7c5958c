package dev.outbound.forecast;

import dev.outbound.batch.Batch;
import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.calendar.RestrictedDate;
import dev.outbound.campaign.CampaignRules;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a forecast assumed, so a reader can judge it.
 *
 * @param pacing {@code call_rate}, {@code hourly_rate} or {@code auto} (then {@code ratePerHour} is the rate now)
 * @param held why nothing is planned at all (the batch is on hold, deleted, expired), else null
 * @param outcomeMix share of attempts ending with each channel status
 * @param outcomeMixSource {@code batch}, {@code campaign} (its other batches) or {@code default}
 * @param meanAttemptSeconds mean length of an attempt (observed with the mix, else the default talk time)
 * @param notes what the forecast leaves out
 */
public record Assumptions(
        String pacing,
        double ratePerHour,
        @Nullable String held,
        String hoursIn,
        String timezone,
        String window,
        List<String> restrictedDates,
        int recipientRules,
        @Nullable Integer maxDailyCalls,
        @Nullable Integer maxConcurrent,
        Map<String, Double> outcomeMix,
        String outcomeMixSource,
        long outcomeMixAttempts,
        double meanAttemptSeconds,
        long stepSeconds,
        List<String> notes) {

    static Assumptions of(
            Batch batch,
            CampaignRules rules,
            AttemptCalendar calendar,
            @Nullable String held,
            double rateNow,
            @Nullable Integer maxConcurrent,
            OutcomeMix mix,
            Duration step) {
        var shares = new TreeMap<String, Double>();
        mix.shares().forEach((s, v) -> shares.put(s.wire(), Math.round(v * 10000) / 10000.0));
        String pacing = batch.autoCallRate() && batch.expiresOn() != null
                ? "auto"
                : batch.callRate() != null ? "call_rate" : "hourly_rate";
        return new Assumptions(
                pacing,
                Math.round(rateNow * 100) / 100.0,
                held,
                rules.hoursIn().wire(),
                rules.timezone().getId(),
                AttemptCalendar.describe(rules.window()),
                calendar.restricted().dates().stream()
                        .map(RestrictedDate::describe)
                        .toList(),
                calendar.recipientRules().rules().size(),
                rules.maxDailyCalls(),
                maxConcurrent,
                shares,
                mix.source().name().toLowerCase(Locale.ROOT),
                mix.observed(),
                mix.attemptDuration().toMillis() / 1000.0,
                step.toSeconds(),
                List.of(
                        "other batches of the campaign are assumed not to use its daily cap or capacity",
                        "requests held by contact limits are planned when their hold ends; new holds are not foreseen",
                        "counts are expected values; retries follow the outcome mix and the campaign's retry rules"));
    }
}
