package dev.outbound.request.read;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A batch's request counts as the contract shows them: {@code status_counts} per request status,
 * and {@code detailed_status_counts} adding the split by channel status.
 */
public record StatusCounts(Map<String, Long> byStatus, Map<String, Breakdown> detailed) {

    /** The contract's RequestStatusBreakdown. */
    public record Breakdown(long totalCount, @Nullable Map<String, Long> counts) {}

    static StatusCounts from(Map<Map.Entry<String, String>, Long> cells) {
        var byStatus = new TreeMap<String, Long>();
        var byChannel = new TreeMap<String, Map<String, Long>>();
        cells.forEach((key, n) -> {
            if (n == 0) {
                return;
            }
            byStatus.merge(key.getKey(), n, Long::sum);
            if (!key.getValue().isEmpty()) {
                byChannel.computeIfAbsent(key.getKey(), k -> new TreeMap<>()).merge(key.getValue(), n, Long::sum);
            }
        });
        var detailed = new LinkedHashMap<String, Breakdown>();
        byStatus.forEach((status, total) -> detailed.put(status, new Breakdown(total, byChannel.get(status))));
        return new StatusCounts(byStatus, detailed);
    }
}
