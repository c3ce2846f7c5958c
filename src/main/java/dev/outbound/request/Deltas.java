package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counter changes gathered while a transaction changes statuses, written once at its end. The one
 * place that turns a status change into counter deltas.
 */
final class Deltas {
    private final Map<Long, Map<CountKey, Long>> byBatch = new TreeMap<>();

    /** {@code n} requests moved from one (status, channel status) cell to another. */
    Deltas move(
            long batchPk,
            RequestStatus from,
            ChannelManagerStatus fromChannel,
            RequestStatus to,
            ChannelManagerStatus toChannel,
            long n) {
        if (from != to || fromChannel != toChannel) {
            add(batchPk, new CountKey(from, fromChannel), -n);
            add(batchPk, new CountKey(to, toChannel), n);
        }
        return this;
    }

    /** {@code n} requests joined ({@code n > 0}) or left ({@code n < 0}) a cell. */
    Deltas add(long batchPk, CountKey cell, long n) {
        byBatch.computeIfAbsent(batchPk, k -> new HashMap<>()).merge(cell, n, Long::sum);
        return this;
    }

    Map<Long, Map<CountKey, Long>> byBatch() {
        return byBatch;
    }
}
