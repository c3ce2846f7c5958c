package dev.outbound.campaign;

import dev.outbound.channel.UnsubscribeKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The key of email unsubscribe links, derived from the key that encrypts webhook secrets
 * (HMAC-SHA256 of a fixed label, as in HKDF's expand step): one secret for the operator to keep,
 * yet a link's signature reveals nothing about the key that protects the webhook secrets.
 */
@Component
class EmailUnsubscribeKey implements UnsubscribeKey {
    private static final byte[] LABEL = "outbound email unsubscribe link v1".getBytes(StandardCharsets.UTF_8);
    private final WebhookSecrets secrets;

    EmailUnsubscribeKey(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public byte[] unsubscribeKey() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.masterKey(), "HmacSHA256"));
            return mac.doFinal(LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
