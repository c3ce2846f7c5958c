package dev.outbound.dispatch;

import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.Campaigns;
import dev.outbound.channel.CampaignDelivery;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Campaign rules for the dispatcher, read at most every few seconds per campaign: a tick looks at
 * thousands of batches, mostly of a few campaigns. A campaign edit takes effect within
 * {@link #TTL}; so does an edit of the organization's policy, for the campaign's calendar.
 */
@Component
class RulesCache {
    static final Duration TTL = Duration.ofSeconds(5);
    /** Far more campaigns than are dialling at once; the least used go first beyond it. */
    private static final long MAX_CAMPAIGNS = 10_000;

    private final Campaigns campaigns;
    private final ClockedCache<CampaignRules> rules;
    private final ClockedCache<CampaignDelivery> deliveries;
    private final Calendars calendars;
    private final ClockedCache<AttemptCalendar> byCampaign;

    RulesCache(Campaigns campaigns, Calendars calendars, Clock clock) {
        this.campaigns = campaigns;
        this.calendars = calendars;
        this.rules = new ClockedCache<>(clock, TTL, MAX_CAMPAIGNS);
        this.deliveries = new ClockedCache<>(clock, TTL, MAX_CAMPAIGNS);
        this.byCampaign = new ClockedCache<>(clock, TTL, MAX_CAMPAIGNS);
    }

    /**
     * The campaign's calendar (its hours and dates with its organization's dates and recipient
     * rules), so that claims and outcomes do not read the policy every tick.
     */
    AttemptCalendar calendar(CampaignRules campaign) {
        return byCampaign.get(campaign.id(), id -> calendars.of(campaign));
    }

    CampaignRules rules(long organizationId, long campaignId) {
        return rules.get(campaignId, id -> campaigns.rules(organizationId, id));
    }

    /** What channels need of the campaign, read at most every {@link #TTL} like its rules. */
    CampaignDelivery delivery(long organizationId, long campaignId) {
        return deliveries.get(campaignId, id -> campaigns.delivery(organizationId, id));
    }
}
