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

    public <T> ListResponse<?> apply(ListResponse<T> response, List<String> fields) {
        if (fields.isEmpty()) {
            return response;
        }
        List<JsonNode> items = response.items().stream()
                .map(item -> {
                    ObjectNode node = mapper.valueToTree(item);
                    node.retain(fields);
                    return (JsonNode) node;
                })
                .toList();
        return new ListResponse<>(
                items, response.page(), response.pageSize(), response.totalPages(), response.totalCount());
    }
}
