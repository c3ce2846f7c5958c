package dev.outbound.campaign;

/**
 * The campaign capability's public face. PLACEHOLDER in the foundation commit: the campaign
 * branch replaces this file with the real service.
 */
public interface Campaigns {
    /** The campaign's rules, or {@link CampaignNotFound} if it is not in this organization. */
    CampaignRules rules(long organizationId, long campaignId);
}
