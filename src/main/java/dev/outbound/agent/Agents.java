package dev.outbound.agent;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The agents of an organization, for campaigns and the console. */
public interface Agents {
    /** The agent, if it is one of the organization's. */
    Optional<Agent> find(long organizationId, long agentId);

    /** Every agent of the organization, newest first. */
    List<Agent> all(long organizationId);

    /** Validates {@code body} as {@code POST /agents} does (422 on failure) and stores a new agent. */
    Agent create(long organizationId, @Nullable JsonNode body);

    /** Replaces the agent's fields: 404 if not the organization's, 422 on invalid input. */
    Agent replace(long organizationId, long agentId, @Nullable JsonNode body);

    /** Deletes the agent: 404 if not the organization's, 409 if campaigns use it. */
    void delete(long organizationId, long agentId);
}
