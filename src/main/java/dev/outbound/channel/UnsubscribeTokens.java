package dev.outbound.channel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Signs and checks the token of an email's unsubscribe link: {@code base64url(payload) "."
 * base64url(HMAC-SHA256(key, payload))}, the payload being a version byte, the organization, the
 * request and the target. Without the key no one can make a token for another request or target.
 */
@Component
public class UnsubscribeTokens {
    private static final byte VERSION = 1;
    private static final int MAX_TOKEN = 2048;
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final UnsubscribeKey key;
    private volatile @Nullable SecretKeySpec spec;

    public UnsubscribeTokens(UnsubscribeKey key) {
        this.key = key;
    }

    public String sign(UnsubscribeToken token) {
        byte[] target = token.target().getBytes(StandardCharsets.UTF_8);
        byte[] payload = ByteBuffer.allocate(1 + 8 + 8 + target.length)
                .put(VERSION)
                .putLong(token.organizationId())
                .putLong(token.requestId())
                .put(target)
                .array();
        return ENCODE.encodeToString(payload) + "." + ENCODE.encodeToString(mac(payload));
    }

    /** The token's content when it was signed with our key, else empty. */
    public Optional<UnsubscribeToken> verify(@Nullable String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODE.decode(token.substring(0, dot));
            signature = DECODE.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), signature) || payload.length < 17 || payload[0] != VERSION) {
            return Optional.empty();
        }
        var in = ByteBuffer.wrap(payload, 1, payload.length - 1);
        long organization = in.getLong();
        long request = in.getLong();
        String target = new String(Arrays.copyOfRange(payload, 17, payload.length), StandardCharsets.UTF_8);
        return Optional.of(new UnsubscribeToken(organization, request, target));
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(spec());
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Read on first use: the key may come from the database, which need not be up at start. */
    private SecretKeySpec spec() {
        SecretKeySpec s = spec;
        if (s == null) {
            byte[] bytes = key.unsubscribeKey();
            if (bytes.length < 32) {
                throw new IllegalStateException("the unsubscribe key must have at least 32 bytes");
            }
            s = new SecretKeySpec(bytes, "HmacSHA256");
            spec = s;
        }
        return s;
    }
}
