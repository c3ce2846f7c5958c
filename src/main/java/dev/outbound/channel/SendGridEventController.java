package dev.outbound.channel;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * SendGrid's Event Webhook. Outside {@code /api}: SendGrid has no API key; each post is checked
 * against its ECDSA signature instead ({@link SendGridSignature}), and an unsigned, forged or stale
 * one answers 403 and changes nothing. Signed events are recorded before the 204.
 */
@RestController
class SendGridEventController {
    static final String PATH = "/sendgrid/events";
    private static final Logger log = LoggerFactory.getLogger(SendGridEventController.class);

    private final SendGridSignature signature;
    private final SendGridEvents events;
    private final ObjectProvider<EmailEventListener> listener;
    private final Clock clock;

    SendGridEventController(
            SendGridProperties properties, JsonMapper json, ObjectProvider<EmailEventListener> listener, Clock clock) {
        this.signature = new SendGridSignature(properties.webhookPublicKey(), properties.webhookMaxAge());
        this.events = new SendGridEvents(json);
        this.listener = listener;
        this.clock = clock;
    }

    @PostMapping(path = PATH)
    ResponseEntity<Void> receive(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        Instant now = clock.instant();
        if (!signature.valid(
                request.getHeader(SendGridSignature.TIMESTAMP_HEADER),
                raw,
                request.getHeader(SendGridSignature.SIGNATURE_HEADER),
                now)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        List<EmailEvent> read = events.read(raw, now);
        EmailEventListener recorder = listener.getIfUnique();
        if (recorder == null) {
            log.warn("No recorder for {} SendGrid events", read.size());
        } else if (!read.isEmpty()) {
            recorder.on(read);
        }
        return ResponseEntity.noContent().build();
    }
}
