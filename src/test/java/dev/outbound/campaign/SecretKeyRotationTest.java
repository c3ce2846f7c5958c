package dev.outbound.campaign;

import static dev.outbound.testing.CampaignBuilder.aCampaign;
import static dev.outbound.testing.CampaignBuilder.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import dev.outbound.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code --rotate-secret-key} moves every stored webhook secret to a new key, all or nothing, and a
 * PostgreSQL installation that keeps its key next to the secrets is warned at start.
 */
@StoreTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "OUTBOUND_NEW_SECRET_KEY=" + SecretKeyRotationTest.NEW_KEY)
class SecretKeyRotationTest {
    static final String NEW_KEY = "bmV3LWtleS1vZi10aGlydHktdHdvLWJ5dGVzLWxvbmc=";
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-rotated".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "0123456789abcdef0123456789abcdef-another".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecretKeyRotation rotation;

    @Autowired
    SecretKeyRotationCommand command;

    @Autowired
    StoredKeyWarning warning;

    @BeforeEach
    void noSecretsFromOtherTests() {
        // A test that rotated left secrets the running service's key no longer opens.
        jdbc.sql("DELETE FROM campaign_webhook").update();
    }

    @Test
    void the_command_re_encrypts_every_stored_secret_under_the_new_key(CapturedOutput output) {
        long first = webhookWith(SECRET);
        long second = webhookWith(OTHER);

        command.run(new DefaultApplicationArguments("--rotate-secret-key"));

        var next = new SecretCipher(Base64.getDecoder().decode(NEW_KEY));
        assertThat(next.decrypt(stored(first))).isEqualTo(SECRET);
        assertThat(next.decrypt(stored(second))).isEqualTo(OTHER);
        assertThat(output).contains("Re-encrypted 2 webhook secret(s)").doesNotContain(NEW_KEY);
    }

    @Test
    void without_the_option_the_command_changes_nothing() {
        long id = webhookWith(SECRET);
        String before = stored(id);

        command.run(new DefaultApplicationArguments());

        assertThat(stored(id)).isEqualTo(before);
    }

    @Test
    void a_secret_the_current_key_cannot_open_leaves_every_secret_as_it_was() {
        long good = webhookWith(SECRET);
        long foreign = webhookWith(OTHER);
        byte[] otherKey = new byte[SecretCipher.KEY_BYTES];
        otherKey[0] = 7;
        jdbc.sql("UPDATE campaign_webhook SET hmac_secret_enc = :v WHERE id = :id")
                .param("v", new SecretCipher(otherKey).encrypt(OTHER))
                .param("id", foreign)
                .update();
        String before = stored(good);

        assertThatThrownBy(() -> rotation.rotate(NEW_KEY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Webhook " + foreign)
                .hasMessageContaining("nothing was re-encrypted");
        assertThat(stored(good)).isEqualTo(before);
    }

    @Test
    void a_missing_or_malformed_new_key_is_refused_naming_its_variable() {
        long id = webhookWith(SECRET);
        String before = stored(id);

        for (String bad : List.of("", "not base64!", Base64.getEncoder().encodeToString(new byte[16]))) {
            assertThatThrownBy(() -> rotation.rotate(bad))
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("OUTBOUND_NEW_SECRET_KEY");
        }
        assertThat(stored(id)).isEqualTo(before);
    }

    @Test
    void a_postgresql_store_without_a_configured_key_is_warned_at_start(CapturedOutput output) {
        boolean warned = warning.check();

        assertThat(warned).isEqualTo(TestStores.postgres());
        if (TestStores.postgres()) {
            assertThat(output).contains("WARN").contains("OUTBOUND_SECRET_KEY is not set");
        } else {
            assertThat(output).doesNotContain("OUTBOUND_SECRET_KEY is not set");
        }
    }

    private long webhookWith(byte[] secret) {
        var r = Api.at(port)
                .post(
                        "/api/v1/outbound/campaigns",
                        aCampaign()
                                .withWebhook(aWebhook()
                                        .withSecret(Base64.getEncoder().encodeToString(secret)))
                                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("webhooks").get(0).path("id").asLong();
    }

    private String stored(long webhookId) {
        return jdbc.sql("SELECT hmac_secret_enc FROM campaign_webhook WHERE id = :id")
                .param("id", webhookId)
                .query(String.class)
                .single();
    }
}
