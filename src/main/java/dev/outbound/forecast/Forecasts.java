package dev.outbound.forecast;

import dev.outbound.auth.Caller;
import dev.outbound.batch.Batch;
import dev.outbound.batch.BatchDispatch;
import dev.outbound.batch.BatchStatus;
import dev.outbound.batch.Batches;
import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.calendar.Recipient;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.Campaigns;
import dev.outbound.dispatch.Calendars;
import dev.outbound.dispatch.DailyCalls;
import dev.outbound.dispatch.Pacing;
import dev.outbound.dispatch.RetryPolicy;
import dev.outbound.policy.Policies;
import dev.outbound.request.RequestStatus;
import dev.outbound.request.read.PendingGroup;
import dev.outbound.request.read.RequestResults;
import dev.outbound.request.read.WorkLeft;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Forecasts of the caller's batches: reads what is left in aggregate, then runs the {@link Simulation}. */
@Service
public class Forecasts {
    /** Requests whose attempts make up an outcome mix: plenty for shares, bounded for big batches. */
    private static final int MIX_SAMPLE = 2000;
    /** The campaign's most recent batches read when the batch itself has no outcome yet. */
    private static final int CAMPAIGN_BATCHES = 50;
    /** About this many steps cover the work at the starting pace; a step is 1 to 30 minutes. */
    private static final long STEPS = 1000;

    private final Batches batches;
    private final BatchDispatch dispatch;
    private final Campaigns campaigns;
    private final Calendars calendars;
    private final Policies policies;
    private final DailyCalls dailyCalls;
    private final WorkLeft work;
    private final RequestResults results;
    private final Clock clock;

    Forecasts(
            Batches batches,
            BatchDispatch dispatch,
            Campaigns campaigns,
            Calendars calendars,
            Policies policies,
            DailyCalls dailyCalls,
            WorkLeft work,
            RequestResults results,
            Clock clock) {
        this.batches = batches;
        this.dispatch = dispatch;
        this.campaigns = campaigns;
        this.calendars = calendars;
        this.policies = policies;
        this.dailyCalls = dailyCalls;
        this.work = work;
        this.results = results;
        this.clock = clock;
    }

    /** The forecast of the caller's batch; {@code BatchNotFound} for another organization's. */
    public Forecast of(Caller caller, String batchId) {
        Batch batch = batches.find(caller, batchId);
        CampaignRules rules = campaigns.rules(batch.organizationId(), batch.campaignId());
        AttemptCalendar calendar = calendars.of(rules);
        Instant now = clock.instant();
        Map<String, Long> counts = results.counts(batch.pk()).byStatus();
        long inProgress = RequestStatus.IN_FLIGHT.stream()
                .mapToLong(s -> counts.getOrDefault(s.name(), 0L))
                .sum();
        String held = held(batch);
        List<Cohort> waiting = held == null ? cohorts(batch, rules, calendar) : List.of();
        OutcomeMix mix = mix(batch, rules);
        double rateNow = Pacing.rate(
                batch.autoCallRate(),
                batch.expiresOn(),
                batch.autoCallRateBaseline(),
                batch.callRate(),
                rules,
                calendar,
                counts.getOrDefault(RequestStatus.PENDING.name(), 0L),
                now);
        Integer maxConcurrent = tighter(rules.maxConcurrent(), policies.maxConcurrent(rules.organizationId()));
        Duration step = step(waiting, rateNow, mix);
        var plan = new Plan(
                now,
                calendar,
                rules.timezone(),
                waiting,
                pace(batch, rules, calendar),
                rules.maxDailyCalls(),
                rules.maxDailyCalls() == null
                        ? 0
                        : dailyCalls.madeOn(rules.id(), LocalDate.ofInstant(now, rules.timezone())),
                maxConcurrent,
                mix,
                RetryPolicy.of(rules),
                batch.expiresOn(),
                step);
        Projection p = Simulation.run(plan);
        Instant finish = p.finish() == null && inProgress > 0 ? now.plus(mix.attemptDuration()) : p.finish();
        return new Forecast(
                batch.batchId(),
                now,
                counts.getOrDefault(RequestStatus.PENDING.name(), 0L) + inProgress,
                inProgress,
                p.firstAttempt(),
                finish,
                Math.round(p.attempts()),
                Math.round(p.expireUnattempted()),
                days(p.byDay()),
                done(batch, rules),
                Assumptions.of(batch, rules, calendar, held, rateNow, maxConcurrent, mix, step));
    }

    private static @Nullable String held(Batch batch) {
        if (batch.status() == BatchStatus.CANCELED || batch.status() == BatchStatus.EXPIRED) {
            return "the batch is " + batch.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        return batch.paused() ? "the batch is on hold" : null;
    }

    private List<Cohort> cohorts(Batch batch, CampaignRules rules, AttemptCalendar calendar) {
        boolean byRegion = !calendar.recipientRules().isEmpty();
        var out = new ArrayList<Cohort>();
        for (PendingGroup g : work.pending(batch.pk(), byRegion)) {
            String target = g.sampleTarget() == null ? "" : g.sampleTarget();
            Recipient r = calendars.recipient(rules, g.zones(), target, null);
            out.add(new Cohort(r, g.attemptsSoFar(), g.firstDue(), g.lastDue(), g.count()));
        }
        return out;
    }

    /** The batch's own outcomes, else its campaign's other batches', else the default. */
    private OutcomeMix mix(Batch batch, CampaignRules rules) {
        OutcomeMix own = OutcomeMix.of(work.endedAttempts(List.of(batch.pk()), MIX_SAMPLE), OutcomeMix.Source.BATCH);
        if (own != null) {
            return own;
        }
        List<Long> others = dispatch.batchesOf(List.of(batch.campaignId())).keySet().stream()
                .filter(pk -> pk != batch.pk())
                .sorted(Comparator.reverseOrder())
                .limit(CAMPAIGN_BATCHES)
                .toList();
        OutcomeMix campaign = OutcomeMix.of(work.endedAttempts(others, MIX_SAMPLE), OutcomeMix.Source.CAMPAIGN);
        return campaign != null ? campaign : OutcomeMix.byDefault(rules.mode());
    }

    /** The dispatcher's pace: auto-paced batches recompute it as work is done, held near their baseline. */
    private static Pace pace(Batch batch, CampaignRules rules, AttemptCalendar calendar) {
        Double[] baseline = {batch.autoCallRateBaseline()};
        return (at, waiting) -> {
            double rate = Pacing.rate(
                    batch.autoCallRate(),
                    batch.expiresOn(),
                    baseline[0],
                    batch.callRate(),
                    rules,
                    calendar,
                    Math.round(waiting),
                    at);
            if (batch.autoCallRate() && baseline[0] == null) {
                baseline[0] = rate; // the dispatcher records the first auto rate as the baseline
            }
            return rate;
        };
    }

    private static Duration step(List<Cohort> waiting, double ratePerHour, OutcomeMix mix) {
        double requests = waiting.stream().mapToDouble(Cohort::count).sum();
        double notReached = 1
                - mix.shares().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElse(1);
        double hours = requests * (1 + notReached) / Math.max(ratePerHour, Pacing.MIN_RATE);
        long minutes = Math.max(1, Math.min(30, Math.round(hours * 60 / STEPS)));
        return Duration.ofMinutes(minutes);
    }

    private static @Nullable Integer tighter(@Nullable Integer a, @Nullable Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.min(a, b));
    }

    private static List<Forecast.Day> days(Map<LocalDate, Double> byDay) {
        var out = new ArrayList<Forecast.Day>();
        byDay.forEach((d, n) -> {
            if (Math.round(n) > 0) {
                out.add(new Forecast.Day(d, Math.round(n)));
            }
        });
        return out;
    }

    private List<Forecast.Day> done(Batch batch, CampaignRules rules) {
        var byDay = new TreeMap<LocalDate, Double>();
        results.attemptsPerHour(batch.pk())
                .forEach(
                        (hour, n) -> byDay.merge(LocalDate.ofInstant(hour, rules.timezone()), (double) n, Double::sum));
        return days(byDay);
    }
}
