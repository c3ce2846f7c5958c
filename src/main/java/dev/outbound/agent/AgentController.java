package dev.outbound.agent;

import dev.outbound.api.ListQuery;
import dev.outbound.api.ListResponse;
import dev.outbound.api.Projection;
import dev.outbound.auth.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Extension: the caller's organization's agents. */
@RestController
@RequestMapping("/api/v1/outbound/agents")
class AgentController {
    private final AgentService service;
    private final Projection projection;

    AgentController(AgentService service, Projection projection) {
        this.service = service;
        this.projection = projection;
    }

    @GetMapping
    ListResponse<?> list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ListQuery query = ListQuery.parse(params, AgentService.PROPERTIES);
        return projection.apply(service.list(caller.organizationId(), query), query.fields(), List.of("id"));
    }

    @PostMapping
    Agent create(Caller caller, @RequestBody(required = false) @Nullable JsonNode body) {
        return service.create(caller.organizationId(), body);
    }

    @GetMapping("/{agent_id}")
    Agent get(Caller caller, @PathVariable("agent_id") long agentId) {
        return service.get(caller.organizationId(), agentId);
    }

    @PutMapping("/{agent_id}")
    Agent replace(
            Caller caller,
            @PathVariable("agent_id") long agentId,
            @RequestBody(required = false) @Nullable JsonNode body) {
        return service.replace(caller.organizationId(), agentId, body);
    }

    @DeleteMapping("/{agent_id}")
    Map<String, Object> delete(Caller caller, @PathVariable("agent_id") long agentId) {
        service.delete(caller.organizationId(), agentId);
        var out = new LinkedHashMap<String, Object>();
        out.put("id", agentId);
        out.put("deleted", true);
        return out;
    }
}
