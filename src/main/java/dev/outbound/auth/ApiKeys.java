package dev.outbound.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Key material: random 32-byte tokens, stored as SHA-256 so a database dump reveals no key. */
final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PREFIX = "ob_";

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

    /** The first characters of a key, shown in listings so users can tell keys apart. */
    static String displayPrefix(String key) {
        return key.substring(0, Math.min(10, key.length()));
    }
}
