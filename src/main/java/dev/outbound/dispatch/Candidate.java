package dev.outbound.dispatch;

import dev.outbound.campaign.CampaignRules;
import dev.outbound.request.ClaimedRequest;

/** A request picked for a claim, with the rules of its campaign. */
record Candidate(ClaimedRequest request, CampaignRules rules) {
    long organizationId() {
        return rules.organizationId();
    }
}
