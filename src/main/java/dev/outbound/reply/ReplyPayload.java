package dev.outbound.reply;

import dev.outbound.suppression.SmsReplyReceived;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The body posted to the agent's SMS URL: the reply, and the request whose conversation it continues. */
final class ReplyPayload {
    static final String TYPE = "sms.reply";

    private ReplyPayload() {}

    record Session(
            long requestId,
            String referenceId,
            long campaignId,
            String batchId,
            @Nullable Instant sentAt,
            String requestVariablesJson) {}

    static String of(JsonMapper mapper, String eventId, SmsReplyReceived reply, Session session) {
        ObjectNode n = mapper.createObjectNode();
        n.put("event_id", eventId);
        n.put("event_type", TYPE);
        n.put("occurred_at", reply.receivedAt().toString());
        n.put("campaign_id", session.campaignId());
        n.put("batch_id", session.batchId());
        n.put("request_id", session.requestId());
        n.put("reference_id", session.referenceId());
        n.put("from", reply.from());
        n.put("to", reply.to());
        n.put("body", reply.body());
        if (reply.messageSid() == null) {
            n.putNull("message_sid");
        } else {
            n.put("message_sid", reply.messageSid());
        }
        n.put("received_at", reply.receivedAt().toString());
        if (session.sentAt() == null) {
            n.putNull("sent_at");
        } else {
            n.put("sent_at", session.sentAt().toString());
        }
        n.set("request_variables", variables(mapper, session.requestVariablesJson()));
        return mapper.writeValueAsString(n);
    }

    private static JsonNode variables(JsonMapper mapper, String json) {
        try {
            return mapper.readTree(json);
        } catch (RuntimeException e) {
            return mapper.createObjectNode(); // stored by ingest as valid JSON; never lose a reply over it
        }
    }
}
