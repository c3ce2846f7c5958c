package dev.outbound.agent;

import java.util.Optional;

/**
 * Asked before an agent is deleted; implemented by capabilities that point at agents (campaigns),
 * so this package need not know them.
 */
public interface AgentDeletionGuard {
    /** A reason the agent must not be deleted now, for the 409 body; empty to allow it. */
    Optional<String> blockingReason(long organizationId, long agentId);
}
