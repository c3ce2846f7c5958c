package dev.outbound.batch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A validated CommunicationBatchUpdate. Each field says whether it was sent; omitted fields keep
 * their value, and an explicit null clears {@code expires_on} or {@code call_rate}.
 */
record BatchChanges(
        boolean pausedSent,
        @Nullable Boolean paused,
        boolean expiresOnSent,
        @Nullable Instant expiresOn,
        boolean callRateSent,
        @Nullable Integer callRate,
        boolean autoCallRateSent,
        @Nullable Boolean autoCallRate) {

    /** The batch with these changes applied (status untouched). */
    Batch applyTo(Batch b) {
        return new Batch(
                b.pk(),
                b.organizationId(),
                b.batchId(),
                b.campaignId(),
                b.status(),
                pausedSent && paused != null ? paused : b.paused(),
                expiresOnSent ? expiresOn : b.expiresOn(),
                callRateSent ? callRate : b.callRate(),
                autoCallRateSent && autoCallRate != null ? autoCallRate : b.autoCallRate(),
                b.autoCallRateBaseline(),
                b.dispatchId(),
                b.uploadFilename(),
                b.errorMessage(),
                b.createdAt(),
                b.deletedAt(),
                b.deletedReason(),
                b.lastUpdatedAt(),
                b.lastUpdatedBy(),
                b.version());
    }
}
