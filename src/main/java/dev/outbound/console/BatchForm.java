package dev.outbound.console;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The new batch form's fields as the API's CommunicationBatchInput body. */
final class BatchForm {
    private BatchForm() {}

    static ObjectNode body(
            JsonMapper json,
            long campaignId,
            String batchId,
            String expiresOn,
            String callRate,
            @Nullable String auto,
            @Nullable String paused) {
        ObjectNode body = json.createObjectNode();
        body.put("batch_id", batchId.strip());
        body.put("campaign_id", campaignId);
        if (!expiresOn.isBlank()) {
            body.put("expires_on", expiresOn.strip());
        }
        if (!callRate.isBlank()) {
            number(body, "call_rate", callRate);
        }
        body.put("auto_call_rate", auto != null);
        body.put("paused", paused != null);
        return body;
    }

    /** A number field; text that is no number goes as text so the API's reader names the problem. */
    static void number(ObjectNode body, String name, String value) {
        try {
            body.put(name, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            body.put(name, value.strip());
        }
    }
}
