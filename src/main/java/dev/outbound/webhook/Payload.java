package dev.outbound.webhook;

import dev.outbound.request.RequestStatusChanged;
import dev.outbound.request.read.ResultRow;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of a webhook call ({@code RequestStatusWebhook} in the served OpenAPI): the event,
 * then the request as the results endpoint would show it at the moment of the change.
 */
final class Payload {
    static final String TYPE = "request.status_changed";

    private Payload() {}

    static String of(
            JsonMapper mapper,
            String eventId,
            int sequence,
            long webhookId,
            long campaignId,
            String batchId,
            RequestStatusChanged change,
            ResultRow row) {
        ObjectNode n = mapper.createObjectNode();
        n.put("event_id", eventId);
        n.put("event_type", TYPE);
        n.put("occurred_at", change.at().toString());
        n.put("sequence", sequence);
        n.put("webhook_id", webhookId);
        n.put("campaign_id", campaignId);
        n.put("batch_id", batchId);
        n.put("reference_id", row.referenceId());
        n.put("target", row.target());
        n.put("request_status", change.to().name());
        n.put("channel_manager_status", change.toChannel().wire());
        n.put("previous_request_status", change.from().name());
        n.put("previous_channel_manager_status", change.fromChannel().wire());
        n.put("attempt_count", row.attemptCount());
        putNullable(n, "sent_at", row.sentAt());
        n.set("request_variables", variables(mapper, row.requestVariablesJson()));
        putNullable(n, "line_type", row.lineType());
        putNullable(n, "session_id", row.sessionId());
        putNullable(n, "conversation_id", row.conversationId());
        putNullable(n, "insights_status", row.insightsStatus());
        putNullable(n, "reason", row.reason());
        putNullable(n, "reason_detail", row.reasonDetail());
        return mapper.writeValueAsString(n);
    }

    private static JsonNode variables(JsonMapper mapper, String json) {
        try {
            return mapper.readTree(json);
        } catch (RuntimeException e) {
            return mapper.createObjectNode(); // stored by ingest as valid JSON; never fail a status change
        }
    }

    private static void putNullable(ObjectNode n, String field, @Nullable Object value) {
        switch (value) {
            case null -> n.putNull(field);
            case Long l -> n.put(field, l);
            case Instant i -> n.put(field, i.toString());
            default -> n.put(field, value.toString());
        }
    }
}
