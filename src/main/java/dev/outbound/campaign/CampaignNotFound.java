package dev.outbound.campaign;

import dev.outbound.api.NotFound;

/** No campaign with this id in the caller's organization. */
public class CampaignNotFound extends NotFound {
    private final long campaignId;

    public CampaignNotFound(long campaignId) {
        super("Campaign " + campaignId + " not found");
        this.campaignId = campaignId;
    }

    public long campaignId() {
        return campaignId;
    }
}
