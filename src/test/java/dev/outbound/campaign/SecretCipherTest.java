package dev.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final byte[] KEY = new byte[32];
    private static final byte[] SECRET = "a webhook secret of 32+ bytes long!!".getBytes(StandardCharsets.UTF_8);

    @Test
    void what_is_encrypted_decrypts_to_the_same_bytes() {
        var cipher = new SecretCipher(KEY);
        assertThat(cipher.decrypt(cipher.encrypt(SECRET))).isEqualTo(SECRET);
    }

    @Test
    void encrypted_values_are_versioned_and_never_contain_the_secret() {
        String stored = new SecretCipher(KEY).encrypt(SECRET);
        assertThat(stored).startsWith("v1:").doesNotContain(Base64.getEncoder().encodeToString(SECRET));
    }

    @Test
    void each_encryption_uses_a_fresh_iv() {
        var cipher = new SecretCipher(KEY);
        assertThat(cipher.encrypt(SECRET)).isNotEqualTo(cipher.encrypt(SECRET));
    }

    @Test
    void a_tampered_value_or_another_key_does_not_decrypt() {
        String stored = new SecretCipher(KEY).encrypt(SECRET);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> new SecretCipher(other).decrypt(stored)).isInstanceOf(IllegalStateException.class);
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> new SecretCipher(KEY).decrypt(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_configured_key_must_be_base64_of_exactly_32_bytes() {
        assertThat(WebhookSecrets.configuredKey(Base64.getEncoder().encodeToString(KEY)))
                .hasSize(32);
        assertThatThrownBy(
                        () -> WebhookSecrets.configuredKey(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("OUTBOUND_SECRET_KEY")
                .hasMessageContaining("16");
        assertThatThrownBy(() -> WebhookSecrets.configuredKey("not base64!"))
                .hasMessageContaining("OUTBOUND_SECRET_KEY");
    }
}
