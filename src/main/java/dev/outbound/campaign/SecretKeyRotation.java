package dev.outbound.campaign;

import java.util.Arrays;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-encrypts every stored webhook secret under a new key ({@code --rotate-secret-key}): each is
 * decrypted with the current key ({@code OUTBOUND_SECRET_KEY}, else the generated key in {@code
 * instance_secret}) and encrypted with the new one, in one transaction, so a secret the current
 * key cannot open leaves every row as it was. The service then starts with {@code
 * OUTBOUND_SECRET_KEY} set to the new key.
 */
@Component
class SecretKeyRotation {
    static final String NEW_KEY_VARIABLE = "OUTBOUND_NEW_SECRET_KEY";

    private final WebhookSecrets current;
    private final CampaignWebhookRepository webhooks;

    SecretKeyRotation(WebhookSecrets current, CampaignWebhookRepository webhooks) {
        this.current = current;
        this.webhooks = webhooks;
    }

    /** Answers how many secrets were re-encrypted; the new key is standard Base64 of 32 bytes. */
    @Transactional
    public int rotate(String newKeyBase64) {
        if (newKeyBase64.isBlank()) {
            throw new IllegalStateException(NEW_KEY_VARIABLE + " must be set to the new key (Base64 of "
                    + SecretCipher.KEY_BYTES + " random bytes)");
        }
        var next = new SecretCipher(WebhookSecrets.configuredKey(newKeyBase64, NEW_KEY_VARIABLE));
        var all = webhooks.encryptedSecrets();
        for (var stored : all) {
            byte[] plain;
            try {
                plain = current.decrypt(stored.value());
            } catch (IllegalStateException e) {
                throw new IllegalStateException(
                        "Webhook " + stored.id() + ": " + e.getMessage() + "; nothing was re-encrypted", e);
            }
            try {
                webhooks.replaceSecret(stored.id(), next.encrypt(plain));
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
        return all.size();
    }
}
