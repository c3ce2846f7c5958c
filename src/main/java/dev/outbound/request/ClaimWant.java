package dev.outbound.request;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Up to {@code limit} due requests wanted from one batch.
 *
 * @param zones when not null, only requests whose stored time-zone set is one of these
 * @param prioritized the batch has requests with a priority: the highest are taken first
 */
public record ClaimWant(long batchPk, int limit, @Nullable Collection<String> zones, boolean prioritized) {

    /** From a batch whose requests all have the default priority. */
    public ClaimWant(long batchPk, int limit, @Nullable Collection<String> zones) {
        this(batchPk, limit, zones, false);
    }

    ClaimWant withLimit(int newLimit) {
        return new ClaimWant(batchPk, newLimit, zones, prioritized);
    }
}
