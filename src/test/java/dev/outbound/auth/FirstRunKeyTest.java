package dev.outbound.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.testing.Api;
import dev.outbound.testing.Started;
import dev.outbound.testing.TestStores;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A fresh store without OUTBOUND_BOOTSTRAP_API_KEY gets one admin key, shown once. */
@Tag("store")
@ExtendWith(OutputCaptureExtension.class)
class FirstRunKeyTest {
    private static final Pattern BANNER_KEY = Pattern.compile("API key: +(ob_[A-Za-z0-9_-]{43})\\R");
    private static final Map<String, String> NO_BOOTSTRAP_KEY = Map.of("outbound.bootstrap-api-key", "");

    @Test
    void the_first_start_makes_one_admin_key_shows_it_once_and_later_starts_show_none(CapturedOutput output) {
        var database = TestStores.freshDatabase("FirstRunKeyTest");
        String key;
        try (var first = Started.service(database, NO_BOOTSTRAP_KEY)) {
            var banner = BANNER_KEY.matcher(output.getOut());
            assertThat(banner.find()).as("a key banner on standard output").isTrue();
            key = banner.group(1);
            assertThat(output.getOut()).contains("http://localhost:" + Started.port(first) + "/console");

            var keys = Api.at(Started.port(first)).withKey(key).get("/api/v1/outbound/api-keys");
            assertThat(keys.status()).as("the printed key authenticates").isEqualTo(200);
            assertThat(keys.json()).hasSize(1);
            assertThat(keys.json().get(0).path("superuser").asBoolean()).isTrue();
            assertThat(keys.json().get(0).path("role").asString()).isEqualTo("admin");
            assertThat(keys.json().get(0).path("user_email").asString()).isEqualTo("admin@outbound.local");
        }
        int before = output.getOut().length();
        try (var second = Started.service(database, NO_BOOTSTRAP_KEY)) {
            assertThat(output.getOut().substring(before))
                    .as("a later start prints no key")
                    .doesNotContain("API key:")
                    .doesNotContain(key);
            var keys = Api.at(Started.port(second)).withKey(key).get("/api/v1/outbound/api-keys");
            assertThat(keys.status()).isEqualTo(200);
            assertThat(keys.json()).as("no second key was made").hasSize(1);
        }
        assertThat(output.getAll())
                .as("the key appears in the banner and in no log line")
                .containsOnlyOnce(key);
    }

    @Test
    void a_configured_bootstrap_key_means_no_key_is_generated(CapturedOutput output) {
        var database = TestStores.freshDatabase("FirstRunKeyTestBootstrap");
        try (var service = Started.service(database, Map.of("outbound.bootstrap-api-key", Api.SUPERUSER_KEY))) {
            assertThat(output.getOut()).doesNotContain("API key:");
            var keys = Api.at(Started.port(service)).get("/api/v1/outbound/api-keys");
            assertThat(keys.json()).hasSize(1);
            assertThat(keys.json().get(0).path("key_prefix").asString()).isEqualTo("configured");
            assertThat(keys.body()).doesNotContain(Api.SUPERUSER_KEY.substring(0, 10));
        }
    }

    @Test
    void a_bootstrap_key_listed_by_its_first_characters_before_is_relabelled_at_the_next_start() {
        var database = TestStores.freshDatabase("FirstRunKeyTestRelabel");
        var bootstrap = Map.of("outbound.bootstrap-api-key", Api.SUPERUSER_KEY);
        try (var before = Started.service(database, bootstrap)) {
            // As stores written before fixed labels hold it.
            before.getBean(JdbcClient.class)
                    .sql("UPDATE api_key SET key_prefix = :prefix")
                    .param("prefix", Api.SUPERUSER_KEY.substring(0, 10))
                    .update();
        }
        try (var after = Started.service(database, bootstrap)) {
            var keys = Api.at(Started.port(after)).get("/api/v1/outbound/api-keys");
            assertThat(keys.json().get(0).path("key_prefix").asString()).isEqualTo("configured");
        }
    }

    @Test
    void a_bootstrap_key_shorter_than_32_characters_stops_the_start_naming_the_variable(CapturedOutput output) {
        var database = TestStores.freshDatabase("FirstRunKeyTestShort");
        assertThatThrownBy(() -> Started.service(database, Map.of("outbound.bootstrap-api-key", "change-me")))
                .rootCause()
                .hasMessageContaining("OUTBOUND_BOOTSTRAP_API_KEY")
                .hasMessageContaining("at least 32")
                .hasMessageNotContaining("change-me");
        assertThat(output.getAll())
                .as("Spring Boot's failure report, not only a stack trace")
                .contains("APPLICATION FAILED TO START")
                .contains("Set OUTBOUND_BOOTSTRAP_API_KEY to a random value");
        String thirtyOne = "x".repeat(31);
        assertThatThrownBy(() -> Started.service(database, Map.of("outbound.bootstrap-api-key", thirtyOne)))
                .rootCause()
                .hasMessageContaining("OUTBOUND_BOOTSTRAP_API_KEY");
        try (var service = Started.service(database, Map.of("outbound.bootstrap-api-key", "y".repeat(32)))) {
            assertThat(Api.at(Started.port(service))
                            .withKey("y".repeat(32))
                            .get("/api/v1/outbound/api-keys")
                            .status())
                    .isEqualTo(200);
        }
    }
}
