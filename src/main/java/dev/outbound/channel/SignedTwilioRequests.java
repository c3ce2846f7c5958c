package dev.outbound.channel;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Checks that a request to one of our {@code /twilio/**} endpoints was sent by Twilio, for
 * capabilities that receive Twilio's webhooks themselves (an SMS reply) without knowing the
 * signature scheme. The check is the one the status callbacks use: {@code X-Twilio-Signature}
 * over {@code OUTBOUND_PUBLIC_URL} + path + query and the form parameters, keyed with {@code
 * OUTBOUND_TWILIO_AUTH_TOKEN}; with no token configured nothing is accepted.
 */
@Component
public class SignedTwilioRequests {
    private final TwilioProperties properties;
    private final TwilioSignature signature;

    SignedTwilioRequests(TwilioProperties properties) {
        this.properties = properties;
        this.signature = new TwilioSignature(properties.authToken());
    }

    /** The form parameters of {@code request} when Twilio signed it; empty when unsigned or forged. */
    public Optional<Map<String, String>> verifiedForm(HttpServletRequest request) {
        String query = request.getQueryString();
        Map<String, String> form = form(request);
        String url = properties.publicBase() + request.getRequestURI() + (query == null ? "" : "?" + query);
        return signature.valid(url, form, request.getHeader("X-Twilio-Signature"))
                ? Optional.of(form)
                : Optional.empty();
    }

    /**
     * The POST (form) parameters only: the servlet merges query and form parameters, and only the
     * form ones are signed as parameters (the query is signed as part of the URL).
     */
    static Map<String, String> form(HttpServletRequest request) {
        Set<String> inQuery = TwilioQuery.parse(request.getQueryString()).keySet();
        Map<String, String> form = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (!inQuery.contains(k) && v.length > 0) {
                form.put(k, v[0]);
            }
        });
        return form;
    }
}
