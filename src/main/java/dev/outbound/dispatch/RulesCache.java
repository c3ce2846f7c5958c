package dev.outbound.dispatch;

import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.Campaigns;
import dev.outbound.channel.CampaignDelivery;
import dev.outbound.policy.Policies;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Campaign rules for the dispatcher, read at most every few seconds per campaign: a tick looks at
 * thousands of batches, mostly of a few campaigns. A campaign edit takes effect within
 * {@link #TTL}.
 */
@Component
class RulesCache {
    static final Duration TTL = Duration.ofSeconds(5);
    /** Far more campaigns than are dialling at once; the least used go first beyond it. */
    private static final long MAX_CAMPAIGNS = 10_000;

    private final Campaigns campaigns;
    private final ClockedCache<CampaignRules> rules;
    private final ClockedCache<CampaignDelivery> deliveries;
    private final Policies policies;
    private final ClockedCache<OptionalInt> maxConcurrent;

    RulesCache(Campaigns campaigns, Policies policies, Clock clock) {
        this.campaigns = campaigns;
        this.policies = policies;
        this.rules = new ClockedCache<>(clock, TTL, MAX_CAMPAIGNS);
        this.deliveries = new ClockedCache<>(clock, TTL, MAX_CAMPAIGNS);
        this.maxConcurrent = new ClockedCache<>(clock, TTL, MAX_CAMPAIGNS);
    }

    CampaignRules rules(long organizationId, long campaignId) {
        return rules.get(campaignId, id -> campaigns.rules(organizationId, id));
    }

    /**
     * The organization's limit on attempts in progress, read at most every {@link #TTL} like a
     * campaign's rules, so a claim without limits asks the store nothing; null for none.
     */
    @Nullable
    Integer organizationMaxConcurrent(long organizationId) {
        OptionalInt limit = maxConcurrent.get(organizationId, id -> {
            Integer stored = policies.maxConcurrent(id);
            return stored == null ? OptionalInt.empty() : OptionalInt.of(stored);
        });
        return limit.isPresent() ? limit.getAsInt() : null;
    }

    /** What channels need of the campaign, read at most every {@link #TTL} like its rules. */
    CampaignDelivery delivery(long organizationId, long campaignId) {
        return deliveries.get(campaignId, id -> campaigns.delivery(organizationId, id));
    }
}
