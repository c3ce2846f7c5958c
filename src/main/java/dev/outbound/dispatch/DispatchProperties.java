package dev.outbound.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dispatcher settings ({@code OUTBOUND_DISPATCH_*}).
 *
 * @param enabled run the dispatch loop on this node
 * @param tick how often the loop runs
 * @param claimLimit most requests one batch hands out per tick
 * @param batchesPerTick most batches looked at per tick
 * @param lease how long a claim stays valid without renewal; a node that stops renewing (dead)
 *     loses its claims after this
 * @param nodeId this node's name in leases; empty for a random one
 * @param parallelism how many batches, and how many requests' events, are worked on at once
 */
@ConfigurationProperties("outbound.dispatch")
public record DispatchProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200ms") Duration tick,
        @DefaultValue("50") int claimLimit,
        @DefaultValue("5000") int batchesPerTick,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("") String nodeId,
        @DefaultValue("8") int parallelism) {}
