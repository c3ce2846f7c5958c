package dev.outbound.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key material: random 32-byte tokens, stored as SHA-256 so a database dump reveals no key.
 *
 * <p>The hash is unsalted and fast on purpose: every request looks its key up by hash, and a
 * 256-bit random key cannot be guessed however fast the hash. That reasoning fails for a key a
 * person chose, which is why a configured (bootstrap) key must be at least
 * {@link #MIN_CONFIGURED_LENGTH} characters, and why such a key is never shown, not even its
 * first characters.
 */
final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PREFIX = "ob_";
    /** Listed instead of the first characters of a key the operator chose. */
    static final String CONFIGURED_PREFIX = "configured";
    /** Shortest configured key accepted: about as hard to guess as a generated one when random. */
    static final int MIN_CONFIGURED_LENGTH = 32;

    private ApiKeys() {}

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The first characters of a generated key, shown in listings so users can tell keys apart:
     * {@code ob_} and 7 of its 43 random characters, which leaves over 200 bits unknown.
     */
    static String displayPrefix(String key) {
        return key.substring(0, Math.min(10, key.length()));
    }
}
