package dev.outbound.dispatch;

import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.Campaigns;
import dev.outbound.channel.CampaignDelivery;
import java.time.Clock;
import java.time.Duration;
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

    RulesCache(Campaigns campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.rules = new ClockedCache<>(clock, TTL, MAX_CAMPAIGNS);
        this.deliveries = new ClockedCache<>(clock, TTL, MAX_CAMPAIGNS);
    }

    CampaignRules rules(long organizationId, long campaignId) {
        return rules.get(campaignId, id -> campaigns.rules(organizationId, id));
    }

    /** What channels need of the campaign, read at most every {@link #TTL} like its rules. */
    CampaignDelivery delivery(long organizationId, long campaignId) {
        return deliveries.get(campaignId, id -> campaigns.delivery(organizationId, id));
    }
}
