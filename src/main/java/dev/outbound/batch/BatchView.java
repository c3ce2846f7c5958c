package dev.outbound.batch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The contract's CommunicationBatch. */
record BatchView(
        String batchId,
        long campaignId,
        @Nullable Instant expiresOn,
        @Nullable Boolean paused,
        @Nullable Integer callRate,
        boolean autoCallRate,
        String status,
        @Nullable Double autoCallRateBaseline,
        @Nullable String uploadFilename,
        @Nullable String dispatchId,
        Instant createdAt,
        @Nullable Instant deletedAt,
        @Nullable String deletedReason,
        @Nullable Instant lastUpdatedAt,
        String lastUpdatedBy,
        @Nullable String errorMessage) {

    static BatchView of(Batch b) {
        return new BatchView(
                b.batchId(),
                b.campaignId(),
                b.expiresOn(),
                b.paused(),
                b.callRate(),
                b.autoCallRate(),
                b.status().name(),
                b.autoCallRateBaseline(),
                b.uploadFilename(),
                b.dispatchId(),
                b.createdAt(),
                b.deletedAt(),
                b.deletedReason(),
                b.lastUpdatedAt(),
                b.lastUpdatedBy(),
                b.errorMessage());
    }
}
