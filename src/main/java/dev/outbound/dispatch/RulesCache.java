package dev.outbound.dispatch;

import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.Campaigns;
import dev.outbound.channel.CampaignDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Campaign rules for the dispatcher, read at most every few seconds per campaign: a tick looks at
 * thousands of batches, mostly of a few campaigns. A campaign edit takes effect within
 * {@link #TTL}.
 */
@Component
class RulesCache {
    static final Duration TTL = Duration.ofSeconds(5);
    private final Campaigns campaigns;
    private final Clock clock;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(CampaignRules rules, Instant readAt) {}

    private record DeliveryEntry(CampaignDelivery delivery, Instant readAt) {}

    private final Map<Long, DeliveryEntry> deliveries = new ConcurrentHashMap<>();

    RulesCache(Campaigns campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
    }

    CampaignRules rules(long organizationId, long campaignId) {
        Instant now = clock.instant();
        Entry e = entries.get(campaignId);
        if (e == null || e.readAt().plus(TTL).isBefore(now) || e.readAt().isAfter(now)) {
            e = new Entry(campaigns.rules(organizationId, campaignId), now);
            entries.put(campaignId, e);
        }
        return e.rules();
    }

    /** What channels need of the campaign, read at most every {@link #TTL} like its rules. */
    CampaignDelivery delivery(long organizationId, long campaignId) {
        Instant now = clock.instant();
        DeliveryEntry e = deliveries.get(campaignId);
        if (e == null || e.readAt().plus(TTL).isBefore(now) || e.readAt().isAfter(now)) {
            e = new DeliveryEntry(campaigns.delivery(organizationId, campaignId), now);
            deliveries.put(campaignId, e);
        }
        return e.delivery();
    }
}
