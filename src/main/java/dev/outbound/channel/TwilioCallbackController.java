package dev.outbound.channel;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callbacks. Outside {@code /api}: Twilio has no API key; each callback is
 * checked against its {@code X-Twilio-Signature} instead, and a forged one answers 403.
 */
@RestController
class TwilioCallbackController {
    private final TwilioChannel twilio;

    TwilioCallbackController(TwilioChannel twilio) {
        this.twilio = twilio;
    }

    @PostMapping(path = TwilioForms.VOICE_STATUS_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> voice(HttpServletRequest request) {
        return receive(TwilioCallbacks.Kind.CALL, request);
    }

    @PostMapping(path = TwilioForms.SMS_STATUS_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> sms(HttpServletRequest request) {
        return receive(TwilioCallbacks.Kind.MESSAGE, request);
    }

    private ResponseEntity<Void> receive(TwilioCallbacks.Kind kind, HttpServletRequest request) {
        boolean valid = twilio.callbacks()
                .receive(
                        kind,
                        request.getRequestURI(),
                        request.getQueryString(),
                        SignedTwilioRequests.form(request),
                        request.getHeader("X-Twilio-Signature"));
        return ResponseEntity.status(valid ? HttpStatus.NO_CONTENT : HttpStatus.FORBIDDEN)
                .build();
    }
}
