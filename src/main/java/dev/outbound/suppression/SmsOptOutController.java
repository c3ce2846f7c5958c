package dev.outbound.suppression;

import dev.outbound.channel.SignedTwilioRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's incoming-message webhook (set as the sending number's "A message comes in" URL):
 * STOP-like replies suppress the number, START-like ones lift an SMS opt-out, HELP and INFO are
 * answered with {@code OUTBOUND_SMS_HELP_TEXT}, and any other reply is published as an
 * {@link SmsReplyReceived} for whoever holds the conversation. Outside {@code /api}: Twilio has no API key, so
 * each post is checked against its {@code X-Twilio-Signature}, and an unsigned or forged one
 * answers 403 and changes nothing.
 */
@RestController
class SmsOptOutController {
    static final String PATH = "/twilio/sms/inbound";
    private static final MediaType TWIML = new MediaType(MediaType.TEXT_XML, java.nio.charset.StandardCharsets.UTF_8);
    private final SignedTwilioRequests signed;
    private final SmsOptOut optOut;
    private final SmsProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SmsOptOutController(
            SignedTwilioRequests signed,
            SmsOptOut optOut,
            SmsProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.signed = signed;
        this.optOut = optOut;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Answers TwiML. STOP and START get an empty response: Twilio (and the carriers) already
     * confirm those to the person, and a second confirmation would be one text too many.
     */
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> inbound(HttpServletRequest request) {
        Optional<Map<String, String>> verified = signed.verifiedForm(request);
        if (verified.isEmpty()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        Map<String, String> form = verified.get();
        String body = form.get("Body");
        String from = form.getOrDefault("From", "");
        String to = form.getOrDefault("To", "");
        OptOutKeyword keyword = OptOutKeyword.of(body);
        if (keyword == OptOutKeyword.HELP && !properties.helpText().isBlank()) {
            return twiml("<Response><Message>" + xml(properties.helpText()) + "</Message></Response>");
        }
        if (keyword == OptOutKeyword.OPT_OUT && body != null) {
            optOut.optOut(from, to, body.strip().toUpperCase(java.util.Locale.ROOT), form.get("MessageSid"));
        } else if (keyword == OptOutKeyword.OPT_IN) {
            optOut.optIn(from, to);
        } else if (keyword == null && body != null) {
            events.publishEvent(new SmsReplyReceived(from, to, body, form.get("MessageSid"), clock.instant()));
        }
        return twiml("<Response/>");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    private static ResponseEntity<String> twiml(String response) {
        return ResponseEntity.ok().contentType(TWIML).body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + response);
    }
}
