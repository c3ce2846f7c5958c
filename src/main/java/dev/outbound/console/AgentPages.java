package dev.outbound.console;

import dev.outbound.agent.Agent;
import dev.outbound.agent.Agents;
import dev.outbound.api.Conflict;
import dev.outbound.api.InvalidInput;
import dev.outbound.api.NotFound;
import dev.outbound.auth.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The organization's agents: list, add, edit and delete, validated as the API validates them (the
 * agent host rule included). Deleting an agent that campaigns use shows the API's 409 reason.
 */
@Controller
class AgentPages {
    private static final String PATH = "/console/agents";

    private final Agents agents;
    private final JsonMapper json;

    AgentPages(Agents agents, JsonMapper json) {
        this.agents = agents;
        this.json = json;
    }

    @GetMapping(PATH)
    String list(Caller caller, @RequestParam(name = "edit", required = false) @Nullable Long edit, Model model) {
        if (edit == null) {
            return page(caller, null, values("", "", ""), Map.of(), null, model);
        }
        Agent a = agents.find(caller.organizationId(), edit)
                .orElseThrow(() -> new NotFound("Agent " + edit + " not found"));
        return page(caller, edit, values(a.name(), a.voiceUrl(), a.smsUrl()), Map.of(), null, model);
    }

    @PostMapping(PATH)
    String create(
            Caller caller,
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "voice_url", defaultValue = "") String voiceUrl,
            @RequestParam(name = "sms_url", defaultValue = "") String smsUrl,
            HttpServletResponse response,
            Model model) {
        return save(caller, null, values(name, voiceUrl, smsUrl), response, model);
    }

    @PostMapping(PATH + "/{id}")
    String update(
            Caller caller,
            @PathVariable long id,
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "voice_url", defaultValue = "") String voiceUrl,
            @RequestParam(name = "sms_url", defaultValue = "") String smsUrl,
            HttpServletResponse response,
            Model model) {
        return save(caller, id, values(name, voiceUrl, smsUrl), response, model);
    }

    @PostMapping(PATH + "/{id}/delete")
    String delete(Caller caller, @PathVariable long id, HttpServletResponse response, Model model) {
        try {
            agents.delete(caller.organizationId(), id);
            return "redirect:" + PATH;
        } catch (Conflict e) {
            response.setStatus(409);
            return page(caller, null, values("", "", ""), Map.of(), e.getMessage(), model);
        }
    }

    private String save(
            Caller caller, @Nullable Long id, Map<String, String> values, HttpServletResponse response, Model model) {
        ObjectNode body = json.createObjectNode();
        values.forEach((k, v) -> {
            if (!v.isBlank() || k.equals("name")) {
                body.put(k, v.strip());
            }
        });
        try {
            if (id == null) {
                agents.create(caller.organizationId(), body);
            } else {
                agents.replace(caller.organizationId(), id, body);
            }
            return "redirect:" + PATH;
        } catch (InvalidInput e) {
            response.setStatus(422);
            return page(caller, id, values, FieldErrors.of(e), null, model);
        }
    }

    private static Map<String, String> values(String name, @Nullable String voiceUrl, @Nullable String smsUrl) {
        var v = new LinkedHashMap<String, String>();
        v.put("name", name);
        v.put("voice_url", voiceUrl == null ? "" : voiceUrl);
        v.put("sms_url", smsUrl == null ? "" : smsUrl);
        return v;
    }

    private String page(
            Caller caller,
            @Nullable Long editing,
            Map<String, String> values,
            Map<String, String> errors,
            @Nullable String problem,
            Model model) {
        model.addAttribute("agents", agents.all(caller.organizationId()));
        model.addAttribute("editing", editing);
        model.addAttribute("v", values);
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem);
        return "console/agents";
    }
}
