package dev.outbound.campaign;

import java.util.Optional;

/**
 * Asked before a campaign is deleted; implemented by capabilities that hold things pointing at
 * campaigns (batches), so this package need not know them.
 */
public interface CampaignDeletionGuard {
    /** A reason the campaign must not be deleted now, for the 409 body; empty to allow it. */
    Optional<String> blockingReason(long organizationId, long campaignId);
}
