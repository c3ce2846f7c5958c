package dev.outbound.campaign;

import dev.outbound.api.ListQuery;
import dev.outbound.auth.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The campaign use cases in the API's own JSON shapes, for other front ends (the console): the
 * same validation, so the same messages, as the REST endpoints.
 */
@Component
public class CampaignDocuments {
    private final CampaignService service;
    private final CampaignInputReader reader;
    private final JsonMapper json;

    CampaignDocuments(CampaignService service, CampaignInputReader reader, JsonMapper json) {
        this.service = service;
        this.reader = reader;
        this.json = json;
    }

    /** The list properties searches and ordering may name. */
    public static java.util.List<String> properties() {
        return CampaignService.PROPERTIES;
    }

    public JsonNode list(Caller caller, ListQuery query) {
        return json.valueToTree(service.list(caller, query));
    }

    public JsonNode get(Caller caller, long id) {
        return json.valueToTree(service.get(caller, id));
    }

    public JsonNode create(Caller caller, @Nullable JsonNode body) {
        return json.valueToTree(service.create(caller, reader.read(body)));
    }

    public JsonNode replace(Caller caller, long id, @Nullable JsonNode body) {
        return json.valueToTree(service.replace(caller, id, reader.read(body)));
    }
}
