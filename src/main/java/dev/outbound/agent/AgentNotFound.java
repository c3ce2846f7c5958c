package dev.outbound.agent;

import dev.outbound.api.NotFound;

/** No agent with this id in the caller's organization. */
class AgentNotFound extends NotFound {
    AgentNotFound(long agentId) {
        super("Agent " + agentId + " not found");
    }
}
