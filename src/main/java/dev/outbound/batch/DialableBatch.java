package dev.outbound.batch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A batch the dispatcher may take allowance from now. */
public record DialableBatch(
        long pk,
        long organizationId,
        String batchId,
        long campaignId,
        BatchStatus status,
        @Nullable Integer callRate,
        boolean autoCallRate,
        @Nullable Double autoCallRateBaseline,
        @Nullable Instant nextAttemptAt,
        @Nullable Instant expiresOn) {}
