package dev.outbound.batch;

import dev.outbound.api.ListQuery;
import dev.outbound.auth.Caller;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch use cases in the API's own JSON shapes, for other front ends (the console): the same
 * validation, so the same messages, as the REST endpoints.
 */
@Component
public class BatchDocuments {
    private final Batches batches;
    private final JsonMapper json;
    private final Clock clock;

    BatchDocuments(Batches batches, JsonMapper json, Clock clock) {
        this.batches = batches;
        this.json = json;
        this.clock = clock;
    }

    /** The list properties searches and ordering may name. */
    public static java.util.List<String> properties() {
        return BatchRepository.PROPERTIES;
    }

    public JsonNode list(Caller caller, ListQuery query) {
        return json.valueToTree(batches.list(caller, query, false));
    }

    /** The batch with its status counts (the contract's BatchDetails). */
    public JsonNode details(Caller caller, String batchId) {
        return json.valueToTree(batches.details(caller, batchId));
    }

    public JsonNode create(Caller caller, @Nullable JsonNode body) {
        return json.valueToTree(batches.create(caller, BatchBodies.input(body, clock)));
    }

    public JsonNode update(Caller caller, String batchId, @Nullable JsonNode body) {
        return json.valueToTree(batches.update(caller, batchId, BatchBodies.changes(body, clock)));
    }

    /** Deletes the batch; answers how many waiting requests were canceled. */
    public long delete(Caller caller, String batchId, String reason) {
        return batches.delete(caller, batchId, reason.strip());
    }
}
