package dev.outbound.batch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A batch the dispatcher may take allowance from now.
 *
 * @param prioritized some of its requests have a priority (request variable {@code priority}), so
 *     its claims take the highest first
 */
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
        @Nullable Instant expiresOn,
        boolean prioritized) {

    /** A batch whose requests all have the default priority. */
    public DialableBatch(
            long pk,
            long organizationId,
            String batchId,
            long campaignId,
            BatchStatus status,
            @Nullable Integer callRate,
            boolean autoCallRate,
            @Nullable Double autoCallRateBaseline,
            @Nullable Instant nextAttemptAt,
            @Nullable Instant expiresOn) {
        this(
                pk,
                organizationId,
                batchId,
                campaignId,
                status,
                callRate,
                autoCallRate,
                autoCallRateBaseline,
                nextAttemptAt,
                expiresOn,
                false);
    }
}
