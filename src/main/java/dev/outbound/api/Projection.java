package dev.outbound.api;

import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Applies the {@code fields} list parameter: each item keeps only the fields asked for. */
@Component
public class Projection {
    private final JsonMapper mapper;

    Projection(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Keeps the asked-for fields plus {@code required}: the schema's required fields stay, so a
     * projected item is still a valid item for clients generated from the contract.
     */
    public <T> ListResponse<?> apply(ListResponse<T> response, List<String> fields, List<String> required) {
        if (fields.isEmpty()) {
            return response;
        }
        var kept = new java.util.LinkedHashSet<String>(required);
        kept.addAll(fields);
        List<JsonNode> items = response.items().stream()
                .map(item -> {
                    ObjectNode node = mapper.valueToTree(item);
                    node.retain(kept);
                    return (JsonNode) node;
                })
                .toList();
        return new ListResponse<>(
                items, response.page(), response.pageSize(), response.totalPages(), response.totalCount());
    }
}
