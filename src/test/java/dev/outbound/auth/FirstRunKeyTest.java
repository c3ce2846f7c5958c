package dev.outbound.auth;

import static org.assertj.core.api.Assertions.assertThat;

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
            assertThat(keys.json().get(0).path("key_prefix").asString()).isEqualTo(Api.SUPERUSER_KEY.substring(0, 10));
        }
    }
}
