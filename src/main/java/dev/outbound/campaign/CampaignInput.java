package dev.outbound.campaign;

import java.util.List;

/** A validated OutboundCampaignInput. */
record CampaignInput(CampaignSettings settings, List<WebhookInput> webhooks) {
    CampaignInput {
        webhooks = List.copyOf(webhooks);
    }
}
