package dev.outbound.channel;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): Base64 of HMAC-SHA1, keyed with the
 * auth token, over the exact URL Twilio called followed by every POST parameter sorted by name,
 * as name then value.
 */
final class TwilioSignature {
    private final byte[] key;

    TwilioSignature(String authToken) {
        this.key = authToken.getBytes(StandardCharsets.UTF_8);
    }

    String sign(String url, Map<String, String> params) {
        var data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /** Constant-time comparison, so a forger learns nothing from how long a refusal takes. */
    boolean valid(String url, Map<String, String> params, @Nullable String signature) {
        if (signature == null || signature.isBlank() || key.length == 0) {
            return false; // no auth token configured: nothing can be verified
        }
        byte[] expected = sign(url, params).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8));
    }
}
