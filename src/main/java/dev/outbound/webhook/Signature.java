package dev.outbound.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Standard Webhooks signing: {@code v1,} then the Base64 HMAC-SHA256, keyed with the webhook's
 * secret bytes, of {@code "{webhook-id}.{webhook-timestamp}.{body}"}.
 */
final class Signature {
    private Signature() {}

    /** The Standard Webhooks headers of one attempt; unsigned when the webhook has no secret. */
    static Map<String, String> headers(String eventId, Instant at, String body, byte @Nullable [] secret) {
        long timestamp = at.getEpochSecond();
        var headers = new LinkedHashMap<String, String>();
        headers.put("webhook-id", eventId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        if (secret != null) {
            headers.put("webhook-signature", sign(secret, eventId, timestamp, body));
        }
        return headers;
    }

    static String sign(byte[] secret, String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
