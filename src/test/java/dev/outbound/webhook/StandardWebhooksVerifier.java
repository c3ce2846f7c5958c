package dev.outbound.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification
 * (https://www.standardwebhooks.com/) and not from the service's code: the signed content is
 * {@code msg_id.timestamp.body}, the key is the secret's bytes, the header holds space-separated
 * {@code v1,<base64>} signatures of which one must match, and the timestamp must be recent.
 */
final class StandardWebhooksVerifier {
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private final byte[] key;

    StandardWebhooksVerifier(String base64Secret) {
        this.key = Base64.getDecoder().decode(base64Secret);
    }

    boolean verify(String msgId, String timestamp, String signatureHeader, String body, Instant now) {
        long ts = Long.parseLong(timestamp);
        if (Duration.between(Instant.ofEpochSecond(ts), now).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        byte[] expected;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            expected = hmac.doFinal((msgId + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (String candidate : signatureHeader.trim().split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }
}
