package dev.outbound.campaign;

import dev.outbound.agent.AgentDeletionGuard;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** An agent that live campaigns name in agent_id is not deleted: the 409 names those campaigns. */
@Component
class CampaignAgentGuard implements AgentDeletionGuard {
    private static final int NAMED = 10;

    private final CampaignRepository campaigns;

    CampaignAgentGuard(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public Optional<String> blockingReason(long organizationId, long agentId) {
        List<CampaignRepository.Named> using = campaigns.usingAgent(organizationId, agentId, NAMED + 1);
        if (using.isEmpty()) {
            return Optional.empty();
        }
        String names = using.stream()
                .limit(NAMED)
                .map(c -> c.id() + " (" + c.name() + ")")
                .collect(Collectors.joining(", "));
        return Optional.of("Agent " + agentId + " is used by campaigns " + names
                + (using.size() > NAMED ? " and more" : "") + "; point them at another agent first");
    }
}
