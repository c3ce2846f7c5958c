package dev.outbound.console;

import dev.outbound.api.ListQuery;
import java.util.List;
import java.util.Map;
import org.springframework.util.LinkedMultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small helpers the page controllers share. */
final class Pages {
    static final int PAGE_SIZE = 20;

    private Pages() {}

    /** A list query: newest first, optionally one "contains" search. */
    static ListQuery query(int page, List<String> properties, String field, String value) {
        var params = new LinkedMultiValueMap<String, String>();
        params.add("page", Integer.toString(Math.max(page, 0)));
        params.add("limit", Integer.toString(PAGE_SIZE));
        if (!value.isBlank()) {
            params.add("search_fields", field);
            params.add("search_field_values", value.strip());
        }
        return ListQuery.parse(params, properties);
    }

    /** JSON as maps and lists, which templates read most simply. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(JsonMapper json, JsonNode node) {
        return json.treeToValue(node, Map.class);
    }
}
