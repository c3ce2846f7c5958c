package dev.outbound.batch;

import static dev.outbound.batch.BatchStatus.ACTIVE;
import static dev.outbound.batch.BatchStatus.CANCELED;
import static dev.outbound.batch.BatchStatus.EXPIRED;
import static dev.outbound.batch.BatchStatus.FAILED;
import static dev.outbound.batch.BatchStatus.PAUSED;
import static dev.outbound.batch.BatchStatus.PENDING;

import dev.outbound.api.IllegalTransition;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The batch lifecycle, in one table. {@link BatchStatusWriter} makes every status change and
 * repeats the expected current status in SQL ({@code WHERE status = :expected}), so two racing
 * changes cannot both apply.
 */
public final class BatchTransitions {
    private static final Map<BatchStatus, Set<BatchStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(PENDING, ACTIVE, FAILED, CANCELED, EXPIRED),
            ACTIVE, EnumSet.of(PAUSED, CANCELED, EXPIRED),
            PAUSED, EnumSet.of(ACTIVE, CANCELED, EXPIRED),
            FAILED, EnumSet.of(PENDING, FAILED, CANCELED),
            EXPIRED, EnumSet.of(CANCELED),
            CANCELED, EnumSet.noneOf(BatchStatus.class));

    private BatchTransitions() {}

    public static boolean allowed(BatchStatus from, BatchStatus to) {
        return ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    /** The statuses a batch may reach {@code to} from. */
    public static Set<BatchStatus> sources(BatchStatus to) {
        var from = EnumSet.noneOf(BatchStatus.class);
        ALLOWED.forEach((f, targets) -> {
            if (targets.contains(to)) {
                from.add(f);
            }
        });
        return from;
    }

    public static void check(BatchStatus from, BatchStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalTransition("batch", from.name(), to.name());
        }
    }
}
