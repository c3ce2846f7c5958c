package dev.outbound.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the Event Webhook's body, a JSON array of events. Each event carries the message's
 * custom_args as fields, so the ones outbound did not send (no request or attempt) and kinds it
 * does not record (group_resubscribe...) are left out.
 */
final class SendGridEvents {
    private static final Logger log = LoggerFactory.getLogger(SendGridEvents.class);

    private final JsonMapper json;

    SendGridEvents(JsonMapper json) {
        this.json = json;
    }

    List<EmailEvent> read(byte[] body, Instant now) {
        JsonNode events;
        try {
            events = json.readTree(body);
        } catch (JacksonException e) {
            log.warn("Signed SendGrid webhook whose body is not JSON: {}", e.getOriginalMessage());
            return List.of();
        }
        var out = new ArrayList<EmailEvent>();
        if (events.isArray()) {
            for (JsonNode e : events) {
                EmailEvent read = event(e, now);
                if (read != null) {
                    out.add(read);
                }
            }
        }
        return out;
    }

    private static @Nullable EmailEvent event(JsonNode e, Instant now) {
        EmailEventType type = EmailEventType.parse(e.path("event").asString(""));
        Long requestId = number(e.path(SendGridClient.REQUEST_ARG));
        Long attemptNo = number(e.path(SendGridClient.ATTEMPT_ARG));
        if (type == null || requestId == null || attemptNo == null || attemptNo < 1 || attemptNo > Integer.MAX_VALUE) {
            return null;
        }
        String reason = e.path("reason").asString("");
        Instant at = e.path("timestamp").canConvertToLong()
                ? Instant.ofEpochSecond(e.path("timestamp").asLong())
                : now;
        return new EmailEvent(
                requestId,
                attemptNo.intValue(),
                sid(e.path("sg_message_id").asString("")),
                type,
                reason.isBlank() ? null : reason,
                e.path("email").asString(""),
                at);
    }

    /** sg_message_id is the X-Message-Id the send answered, followed by where SendGrid filtered it. */
    private static String sid(String sgMessageId) {
        int dot = sgMessageId.indexOf('.');
        return dot < 0 ? sgMessageId : sgMessageId.substring(0, dot);
    }

    private static @Nullable Long number(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isString()) {
            try {
                return Long.parseLong(n.asString().strip());
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }
}
