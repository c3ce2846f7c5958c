package dev.outbound.campaign;

import dev.outbound.channel.CampaignDelivery;

/** What other capabilities may ask of campaigns; implemented inside this package. */
public interface Campaigns {
    /** The campaign's rules, or {@link CampaignNotFound} if it is not in this organization. */
    CampaignRules rules(long organizationId, long campaignId);

    /** What channels need to reach people for the campaign, or {@link CampaignNotFound}. */
    CampaignDelivery delivery(long organizationId, long campaignId);
}
