package dev.outbound.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * SendGrid's signed Event Webhook: ECDSA P-256 with SHA-256 over the timestamp header followed by
 * the raw body, the signature Base64 DER in {@code X-Twilio-Email-Event-Webhook-Signature}. A
 * timestamp further than the max age from now is refused too, so a captured post cannot be
 * replayed later. Without a key nothing is accepted.
 */
final class SendGridSignature {
    static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

    private final @Nullable PublicKey key;
    private final Duration maxAge;

    SendGridSignature(String publicKeyBase64, Duration maxAge) {
        this.key = publicKeyBase64.isBlank() ? null : parse(publicKeyBase64.strip());
        this.maxAge = maxAge;
    }

    private static PublicKey parse(String base64) {
        try {
            return KeyFactory.getInstance("EC")
                    .generatePublic(
                            new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "OUTBOUND_SENDGRID_WEBHOOK_PUBLIC_KEY is not a Base64 DER EC public key: " + e.getMessage());
        }
    }

    boolean valid(@Nullable String timestamp, byte[] body, @Nullable String signature, Instant now) {
        if (key == null || timestamp == null || signature == null || !fresh(timestamp.strip(), now)) {
            return false;
        }
        try {
            var verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private boolean fresh(String timestamp, Instant now) {
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp));
            return Duration.between(at, now).abs().compareTo(maxAge) <= 0;
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return false;
        }
    }
}
