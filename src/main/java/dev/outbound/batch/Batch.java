package dev.outbound.batch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A row of the {@code batch} table. */
public record Batch(
        long pk,
        long organizationId,
        String batchId,
        long campaignId,
        BatchStatus status,
        boolean paused,
        @Nullable Instant expiresOn,
        @Nullable Integer callRate,
        boolean autoCallRate,
        @Nullable Double autoCallRateBaseline,
        @Nullable String dispatchId,
        @Nullable String uploadFilename,
        @Nullable String errorMessage,
        Instant createdAt,
        @Nullable Instant deletedAt,
        @Nullable String deletedReason,
        @Nullable Instant lastUpdatedAt,
        String lastUpdatedBy,
        int version) {

    /** A call list was loaded (a failed upload does not count). */
    public boolean uploaded() {
        return uploadFilename != null && status != BatchStatus.FAILED;
    }

    /** Requests may still be added or removed. */
    public boolean acceptsRequests() {
        return status == BatchStatus.PENDING || status == BatchStatus.ACTIVE || status == BatchStatus.PAUSED;
    }
}
