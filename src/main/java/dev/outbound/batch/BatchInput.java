package dev.outbound.batch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A validated CommunicationBatchInput. */
record BatchInput(
        String batchId,
        long campaignId,
        @Nullable Instant expiresOn,
        boolean paused,
        @Nullable Integer callRate,
        boolean autoCallRate) {}
