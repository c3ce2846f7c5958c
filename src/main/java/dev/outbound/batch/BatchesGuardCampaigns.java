package dev.outbound.batch;

import dev.outbound.campaign.CampaignDeletionGuard;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A campaign with batches that are not deleted must not be deleted. */
@Component
class BatchesGuardCampaigns implements CampaignDeletionGuard {
    private final BatchRepository batches;

    BatchesGuardCampaigns(BatchRepository batches) {
        this.batches = batches;
    }

    @Override
    public Optional<String> blockingReason(long organizationId, long campaignId) {
        long live = batches.liveInCampaign(organizationId, campaignId);
        return live == 0
                ? Optional.empty()
                : Optional.of("Campaign " + campaignId + " has " + live
                        + " batch(es) that are not deleted; delete them first");
    }
}
