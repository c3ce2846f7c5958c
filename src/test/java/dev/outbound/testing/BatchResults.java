package dev.outbound.testing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** A batch's results by reference id, as {@code GET .../results} answers them now. */
public record BatchResults(Map<String, JsonNode> byRef) {

    public static BatchResults of(Api api, String batchId) {
        var byRef = new HashMap<String, JsonNode>();
        api.get("/api/v1/outbound/batches/" + batchId + "/results")
                .json()
                .forEach(n -> byRef.put(n.path("reference_id").asString(), n));
        return new BatchResults(byRef);
    }

    /** The result of one reference id; a missing one fails the test. */
    public JsonNode get(String referenceId) {
        return Objects.requireNonNull(byRef.get(referenceId), referenceId);
    }

    public Collection<JsonNode> values() {
        return byRef.values();
    }
}
