package dev.outbound.campaign;

import dev.outbound.agent.Agent;
import dev.outbound.agent.Agents;
import dev.outbound.api.InvalidInput;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A campaign's agent: its {@code agent_id} must name an agent of the same organization, and the
 * agent supplies the URLs a campaign's {@code agent_url} does not.
 */
@Component
class CampaignAgents {
    private final Agents agents;

    CampaignAgents(Agents agents) {
        this.agents = agents;
    }

    /** 422 on {@code agent_id} unless it is empty or one of the organization's agents. */
    void check(long organizationId, CampaignSettings s) {
        Long agentId = s.agentId();
        if (agentId != null && agents.find(organizationId, agentId).isEmpty()) {
            throw InvalidInput.of(
                    "agent_id " + agentId + " is not an agent of your organization", "value_error", "body", "agent_id");
        }
    }

    /** The campaign's agent; none when it names none or the agent is gone. */
    Optional<Agent> of(long organizationId, CampaignSettings s) {
        Long agentId = s.agentId();
        return agentId == null ? Optional.empty() : agents.find(organizationId, agentId);
    }

    /** The campaign's agent_url, else its agent's voice_url. */
    static @Nullable String voiceUrl(CampaignSettings s, Optional<Agent> agent) {
        if (s.agentUrl() != null && !s.agentUrl().isBlank()) {
            return s.agentUrl();
        }
        return agent.map(Agent::voiceUrl).orElse(null);
    }
}
