package dev.outbound.console;

import dev.outbound.agent.Agents;
import dev.outbound.api.InvalidInput;
import dev.outbound.auth.Caller;
import dev.outbound.batch.BatchDocuments;
import dev.outbound.campaign.CampaignDocuments;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The campaigns list, a campaign with its batches, and the create and edit form. */
@Controller
class CampaignPages {
    private final CampaignDocuments campaigns;
    private final BatchDocuments batches;
    private final JsonMapper json;
    private final Agents agents;

    CampaignPages(CampaignDocuments campaigns, BatchDocuments batches, JsonMapper json, Agents agents) {
        this.agents = agents;
        this.campaigns = campaigns;
        this.batches = batches;
        this.json = json;
    }

    @GetMapping("/console")
    String home() {
        return "redirect:/console/campaigns";
    }

    @GetMapping("/console/campaigns")
    String list(
            Caller caller,
            @RequestParam(name = "q", defaultValue = "") String q,
            @RequestParam(name = "page", defaultValue = "0") int page,
            Model model) {
        var query = Pages.query(page, CampaignDocuments.properties(), "campaign_name", q);
        model.addAttribute("q", q);
        model.addAttribute("list", Pages.map(json, campaigns.list(caller, query)));
        model.addAttribute("page", query.page());
        return "console/campaigns";
    }

    @GetMapping("/console/campaigns/new")
    String newForm(Caller caller, Model model) {
        return form(model, caller, null, CampaignForm.blank(), Map.of());
    }

    @PostMapping("/console/campaigns")
    String create(
            Caller caller,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            HttpServletResponse response) {
        return save(caller, null, form, model, response);
    }

    @GetMapping("/console/campaigns/{id}")
    String show(
            Caller caller,
            @PathVariable long id,
            @RequestParam(name = "page", defaultValue = "0") int page,
            Model model) {
        model.addAttribute("c", Pages.map(json, campaigns.get(caller, id)));
        var query = Pages.query(page, BatchDocuments.properties(), "campaign_id", Long.toString(id));
        model.addAttribute("batches", Pages.map(json, batches.list(caller, query)));
        model.addAttribute("page", query.page());
        return "console/campaign";
    }

    @GetMapping("/console/campaigns/{id}/edit")
    String editForm(Caller caller, @PathVariable long id, Model model) {
        return form(model, caller, id, CampaignForm.fromCampaign(campaigns.get(caller, id), json), Map.of());
    }

    @PostMapping("/console/campaigns/{id}")
    String replace(
            Caller caller,
            @PathVariable long id,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            HttpServletResponse response) {
        campaigns.get(caller, id);
        return save(caller, id, form, model, response);
    }

    private String save(
            Caller caller,
            @org.jspecify.annotations.Nullable Long id,
            MultiValueMap<String, String> form,
            Model model,
            HttpServletResponse response) {
        CampaignForm.Parsed parsed = CampaignForm.toBody(form, json);
        Map<String, String> errors = parsed.errors();
        if (errors.isEmpty()) {
            try {
                JsonNode saved = id == null
                        ? campaigns.create(caller, parsed.body())
                        : campaigns.replace(caller, id, parsed.body());
                return "redirect:/console/campaigns/" + saved.path("id").asLong();
            } catch (InvalidInput e) {
                errors = FieldErrors.of(e, parsed.lines());
            }
        }
        response.setStatus(422);
        return form(model, caller, id, CampaignForm.fromForm(form), errors);
    }

    private String form(
            Model model,
            Caller caller,
            @org.jspecify.annotations.Nullable Long id,
            Map<String, Object> values,
            Map<String, String> errors) {
        model.addAttribute("id", id);
        model.addAttribute("heading", id == null ? "New campaign" : "Edit campaign");
        model.addAttribute("v", values);
        model.addAttribute("errors", errors);
        model.addAttribute("days", CampaignForm.DAYS);
        model.addAttribute("lineTypes", CampaignForm.LINE_TYPES);
        model.addAttribute("agents", agents.all(caller.organizationId()));
        return "console/campaign-form";
    }
}
