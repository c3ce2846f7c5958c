package dev.outbound.campaign;

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

/** The contract's five campaign endpoints. */
@RestController
@RequestMapping("/api/v1/outbound/campaigns")
class CampaignController {
    private final CampaignService service;
    private final CampaignInputReader reader;
    private final Projection projection;

    CampaignController(CampaignService service, CampaignInputReader reader, Projection projection) {
        this.service = service;
        this.reader = reader;
        this.projection = projection;
    }

    @GetMapping
    ListResponse<?> list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ListQuery query = ListQuery.parse(params, CampaignService.PROPERTIES);
        return projection.apply(
                service.list(caller, query),
                query.fields(),
                List.of("id", "campaign_name", "campaign_variables", "caller_id", "active_days", "last_updated_by"));
    }

    @PostMapping
    CampaignView create(Caller caller, @RequestBody(required = false) @Nullable JsonNode body) {
        return service.create(caller, reader.read(body));
    }

    @GetMapping("/{campaign_id}")
    CampaignView get(Caller caller, @PathVariable("campaign_id") long campaignId) {
        return service.get(caller, campaignId);
    }

    @PutMapping("/{campaign_id}")
    CampaignView replace(
            Caller caller,
            @PathVariable("campaign_id") long campaignId,
            @RequestBody(required = false) @Nullable JsonNode body) {
        return service.replace(caller, campaignId, reader.read(body));
    }

    @DeleteMapping("/{campaign_id}")
    Map<String, Object> delete(Caller caller, @PathVariable("campaign_id") long campaignId) {
        service.delete(caller, campaignId);
        var out = new LinkedHashMap<String, Object>();
        out.put("id", campaignId);
        out.put("deleted", true);
        return out;
    }
}
