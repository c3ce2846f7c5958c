package dev.outbound.dispatch;

import dev.outbound.batch.BatchDispatch;
import dev.outbound.batch.DialableBatch;
import dev.outbound.campaign.CampaignNotFound;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.request.read.RequestResults;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Step 1 of a tick: which batches may dial now and how many slots each may take. The slots are
 * taken by the claim ({@link ClaimStep}) advancing the batch's {@code next_attempt_at} with a
 * compare-and-set, so across nodes every slot is spent once; allowance is banked for at most one interval (or one tick), so a batch
 * coming off hold or into its hours does not burst.
 */
@Component
class AllowanceStep {
    private final BatchDispatch batches;
    private final RulesCache rules;
    private final AttemptTiming timing;
    private final RequestResults requests;
    private final DailyCapRepository caps;
    private final DispatchProperties properties;
    private final ChannelReadiness readiness;

    AllowanceStep(
            BatchDispatch batches,
            RulesCache rules,
            AttemptTiming timing,
            RequestResults requests,
            DailyCapRepository caps,
            DispatchProperties properties,
            ChannelReadiness readiness) {
        this.batches = batches;
        this.rules = rules;
        this.timing = timing;
        this.requests = requests;
        this.caps = caps;
        this.properties = properties;
        this.readiness = readiness;
    }

    /** The batches whose next slot is due; each is then offered to {@link #grant}. */
    List<DialableBatch> candidates() {
        return batches.dialable(properties.batchesPerTick());
    }

    /** The slots this batch may take now, or null when it may not dial. */
    @org.jspecify.annotations.Nullable
    Grant grant(DialableBatch batch, Instant now, Duration sinceLastTick) {
        CampaignRules campaign;
        try {
            campaign = rules.rules(batch.organizationId(), batch.campaignId());
        } catch (CampaignNotFound gone) {
            return null;
        }
        if (!readiness.accepts(campaign.mode()) || !timing.open(campaign, now)) {
            return null; // no slot is taken: the batch's pace resumes where it was
        }
        Collection<String> zones = timing.openZoneSets(batch.pk(), campaign, now);
        if (zones != null && zones.isEmpty()) {
            return null;
        }
        return take(batch, campaign, zones, now, sinceLastTick);
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private @org.jspecify.annotations.Nullable Grant take(
            DialableBatch batch,
            CampaignRules campaign,
            @org.jspecify.annotations.Nullable Collection<String> zones,
            Instant now,
            Duration sinceLastTick) {
        long remaining =
                batch.autoCallRate() ? requests.counts(batch.pk()).byStatus().getOrDefault("PENDING", 0L) : 0;
        double rate = timing.rate(batch, campaign, remaining, now);
        if (batch.autoCallRate() && batch.autoCallRateBaseline() == null) {
            batches.recordBaseline(batch, rate);
        }
        Duration interval = Pacing.interval(rate);
        Instant next = batch.nextAttemptAt() == null ? now : batch.nextAttemptAt();
        // Unused allowance is kept for one interval, or for as long as the last tick took when
        // ticks run long (many batches), so a slow tick does not lower the rate.
        Duration bank = longest(interval, longest(properties.tick(), sinceLastTick));
        Instant floor = now.minus(bank);
        Instant base = next.isBefore(floor) ? floor : next;
        int slots = (int)
                Math.min(properties.claimLimit(), Duration.between(base, now).dividedBy(interval) + 1);
        LocalDate capDay = null;
        if (campaign.maxDailyCalls() != null) {
            capDay = DailyCap.campaignDay(now, campaign.timezone());
            slots = caps.reserve(campaign.id(), capDay, slots, campaign.maxDailyCalls());
            if (slots == 0) {
                return null;
            }
        }
        return new Grant(batch, campaign, slots, zones, capDay, base.plus(interval.multipliedBy(slots)));
    }
}
