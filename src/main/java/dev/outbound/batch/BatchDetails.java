package dev.outbound.batch;

import dev.outbound.request.StatusCounts;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The contract's BatchDetails: a batch with its request counts. */
record BatchDetails(
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
        @Nullable String errorMessage,
        Map<String, Long> statusCounts,
        Map<String, StatusCounts.Breakdown> detailedStatusCounts) {

    static BatchDetails of(Batch b, StatusCounts counts) {
        return new BatchDetails(
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
                b.errorMessage(),
                counts.byStatus(),
                counts.detailed());
    }
}
