package dev.outbound.agent;

import dev.outbound.api.Conflict;
import dev.outbound.api.ListQuery;
import dev.outbound.api.ListResponse;
import dev.outbound.channel.AgentHosts;
import dev.outbound.store.Instants;
import dev.outbound.store.ListSql;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Agent use cases, every one scoped to an organization. */
@Service
class AgentService implements Agents {
    static final List<String> PROPERTIES =
            List.of("id", "name", "voice_url", "sms_url", "sip_uri", "created_at", "updated_at");
    private static final Map<String, ListSql.Column> COLUMNS = Map.of(
            "id", new ListSql.Column("id", ListSql.Match.NUMBER),
            "name", new ListSql.Column("name", ListSql.Match.CONTAINS),
            "voice_url", new ListSql.Column("voice_url", ListSql.Match.CONTAINS),
            "sms_url", new ListSql.Column("sms_url", ListSql.Match.CONTAINS),
            "sip_uri", new ListSql.Column("sip_uri", ListSql.Match.CONTAINS),
            "created_at", new ListSql.Column("created_at", ListSql.Match.TIME),
            "updated_at", new ListSql.Column("updated_at", ListSql.Match.TIME));

    private final AgentRepository agents;
    private final AgentHosts hosts;
    private final List<AgentDeletionGuard> guards;
    private final Clock clock;

    AgentService(AgentRepository agents, AgentHosts hosts, List<AgentDeletionGuard> guards, Clock clock) {
        this.agents = agents;
        this.hosts = hosts;
        this.guards = List.copyOf(guards);
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Agent> find(long organizationId, long agentId) {
        return agents.find(organizationId, agentId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Agent> all(long organizationId) {
        return agents.all(organizationId);
    }

    @Transactional(readOnly = true)
    Agent get(long organizationId, long agentId) {
        return agents.find(organizationId, agentId).orElseThrow(() -> new AgentNotFound(agentId));
    }

    @Transactional(readOnly = true)
    ListResponse<Agent> list(long organizationId, ListQuery query) {
        ListSql.Built where = ListSql.build(query, COLUMNS, "created_at", "created_at", "id");
        List<Agent> page = agents.list(organizationId, where, query.limit(), query.offset());
        return ListResponse.of(page, query, agents.count(organizationId, where));
    }

    @Override
    @Transactional
    public Agent create(long organizationId, @Nullable JsonNode body) {
        AgentInput input = AgentInput.read(body, hosts);
        return get(organizationId, agents.insert(organizationId, input, Instants.now(clock)));
    }

    @Override
    @Transactional
    public Agent replace(long organizationId, long agentId, @Nullable JsonNode body) {
        get(organizationId, agentId);
        AgentInput input = AgentInput.read(body, hosts);
        Instant now = Instants.now(clock);
        if (!agents.update(organizationId, agentId, input, now)) {
            throw new AgentNotFound(agentId);
        }
        return get(organizationId, agentId);
    }

    @Override
    @Transactional
    public void delete(long organizationId, long agentId) {
        get(organizationId, agentId);
        for (AgentDeletionGuard guard : guards) {
            Optional<String> reason = guard.blockingReason(organizationId, agentId);
            if (reason.isPresent()) {
                throw new Conflict(reason.get());
            }
        }
        if (!agents.delete(organizationId, agentId)) {
            throw new AgentNotFound(agentId);
        }
    }
}
