package dev.outbound.campaign;

import dev.outbound.OutboundProperties;
import dev.outbound.store.Instants;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encrypts and decrypts webhook secrets with the key from {@code OUTBOUND_SECRET_KEY} or, when
 * that is empty, with a key generated once per installation and kept in {@code instance_secret}.
 */
@Component
class WebhookSecrets {
    static final String KEY_NAME = "webhook-secret-key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InstanceSecretRepository instanceSecrets;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final byte @Nullable [] configuredKey;
    private volatile @Nullable SecretCipher cipher;

    WebhookSecrets(
            OutboundProperties properties,
            InstanceSecretRepository instanceSecrets,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.instanceSecrets = instanceSecrets;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        // A failed INSERT aborts a PostgreSQL transaction, so the race to create the key must not
        // run inside the caller's.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        String configured = properties.secretKey();
        // Checked at start so a bad key stops the service instead of failing the first webhook.
        this.configuredKey = configured == null || configured.isBlank() ? null : configuredKey(configured);
        this.cipher = configuredKey == null ? null : new SecretCipher(configuredKey);
    }

    static byte[] configuredKey(String base64) {
        return configuredKey(base64, "OUTBOUND_SECRET_KEY");
    }

    /** The key a variable holds, or an IllegalStateException naming the variable. */
    static byte[] configuredKey(String base64, String variable) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    variable + " must be standard Base64 of " + SecretCipher.KEY_BYTES + " random bytes", e);
        }
        if (key.length != SecretCipher.KEY_BYTES) {
            throw new IllegalStateException(variable + " must decode to exactly " + SecretCipher.KEY_BYTES
                    + " bytes (AES-256); it decodes to " + key.length);
        }
        return key;
    }

    String encrypt(byte[] secret) {
        return cipher().encrypt(secret);
    }

    byte[] decrypt(String stored) {
        return cipher().decrypt(stored);
    }

    /**
     * The installation's master key ({@code OUTBOUND_SECRET_KEY}, else the generated one). Only
     * for deriving keys of other purposes from; never used as is, never logged.
     */
    byte[] masterKey() {
        return configuredKey != null
                ? configuredKey.clone()
                : Base64.getDecoder().decode(instanceKey());
    }

    private SecretCipher cipher() {
        SecretCipher c = cipher;
        if (c == null) {
            synchronized (this) {
                c = cipher;
                if (c == null) {
                    c = new SecretCipher(Base64.getDecoder().decode(instanceKey()));
                    cipher = c;
                }
            }
        }
        return c;
    }

    private String instanceKey() {
        var existing = instanceSecrets.find(KEY_NAME);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] key = new byte[SecretCipher.KEY_BYTES];
        RANDOM.nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        try {
            ownTransaction.executeWithoutResult(s -> instanceSecrets.insert(KEY_NAME, encoded, Instants.now(clock)));
            return encoded;
        } catch (DuplicateKeyException e) {
            // Another node created it first; every node must use that one.
            return instanceSecrets
                    .find(KEY_NAME)
                    .orElseThrow(() -> new IllegalStateException("instance secret vanished", e));
        }
    }
}
