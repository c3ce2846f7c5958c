package dev.outbound.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.Started;
import dev.outbound.testing.TestStores;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The metrics show every organization's volumes, so they are never open on the service's port:
 * behind OUTBOUND_METRICS_TOKEN there, absent without it, open only on OUTBOUND_MANAGEMENT_PORT.
 */
@Tag("store")
class ManagementAccessTest {
    private static final String TOKEN = "metrics-token-of-the-tests";

    private static ConfigurableApplicationContext start(Map<String, String> properties) {
        return Started.service(TestStores.freshDatabase("ManagementAccessTest"), properties);
    }

    private static Api.Response metrics(int port, String authorization) {
        return Api.at(port).withKey(null).sendWithHeader("GET", "/actuator/prometheus", "Authorization", authorization);
    }

    @Test
    void without_a_token_or_a_management_port_the_metrics_are_not_served_and_health_is() {
        try (var service = start(Map.of())) {
            int port = Started.port(service);
            var api = Api.at(port).withKey(null);
            assertThat(api.get("/actuator/prometheus").status()).isEqualTo(404);
            assertThat(api.get("/actuator").status()).isEqualTo(404);
            assertThat(api.get("/actuator/metrics").status()).isEqualTo(404);
            assertThat(metrics(port, "Bearer anything").status()).isEqualTo(404);
            assertThat(api.get("/actuator/health").status()).isEqualTo(200);
            assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        }
    }

    @Test
    void with_a_token_the_metrics_answer_only_to_that_bearer_token() {
        try (var service = start(Map.of("outbound.management.metrics-token", TOKEN))) {
            int port = Started.port(service);
            var none = Api.at(port).withKey(null).get("/actuator/prometheus");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(none.body()).doesNotContain("outbound_").doesNotContain(TOKEN);
            assertThat(metrics(port, "Bearer wrong-token").status()).isEqualTo(401);
            assertThat(metrics(port, "Bearer " + TOKEN + "x").status()).isEqualTo(401);
            assertThat(metrics(port, "Basic " + TOKEN).status()).isEqualTo(401);
            // Health is open, but no path through it leads to the metrics.
            for (String around :
                    java.util.List.of("/actuator/health/../prometheus", "/actuator/health;x=1/../prometheus")) {
                var r = Api.at(port).withKey(null).get(around);
                assertThat(r.status()).as(around).isIn(400, 401, 404);
                assertThat(r.body()).as(around).doesNotContain("jvm_memory_used_bytes");
            }
            // An API key is no metrics token, not even the superuser's.
            assertThat(Api.at(port).get("/actuator/prometheus").status()).isEqualTo(401);

            var granted = metrics(port, "Bearer " + TOKEN);
            assertThat(granted.status()).isEqualTo(200);
            assertThat(granted.body()).contains("jvm_memory_used_bytes");
            assertThat(Api.at(port).withKey(null).get("/actuator/health").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void with_a_management_port_the_metrics_live_there_and_the_service_port_keeps_its_probes() {
        try (var service = start(Map.of("management.server.port", "0"))) {
            int port = Started.port(service);
            int management = Integer.parseInt(service.getEnvironment().getRequiredProperty("local.management.port"));
            assertThat(management).isNotEqualTo(port);

            var open = Api.at(management).withKey(null).get("/actuator/prometheus");
            assertThat(open.status()).isEqualTo(200);
            assertThat(open.body()).contains("jvm_memory_used_bytes");
            assertThat(Api.at(management).withKey(null).get("/actuator/health").status())
                    .isEqualTo(200);

            var api = Api.at(port).withKey(null);
            assertThat(api.get("/actuator/prometheus").status()).isEqualTo(404);
            assertThat(api.get("/livez").status()).isEqualTo(200);
            assertThat(api.get("/readyz").status()).isEqualTo(200);
        }
    }

    @Test
    void the_token_is_never_shown_by_the_settings_object() {
        assertThat(new ManagementProperties(TOKEN).toString()).doesNotContain(TOKEN);
    }
}
