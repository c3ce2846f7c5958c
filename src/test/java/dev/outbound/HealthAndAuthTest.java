package dev.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@StoreTest
class HealthAndAuthTest {
    @LocalServerPort
    int port;

    @Test
    void health_answers_200_once_ready() {
        assertThat(Api.at(port).withKey(null).get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void a_request_without_a_key_is_refused_with_401() {
        var r = Api.at(port).withKey(null).get("/api/v1/outbound/campaigns");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("detail").asString()).contains("Syllable-API-Key");
    }

    @Test
    void an_unknown_key_is_refused_with_401() {
        assertThat(Api.at(port).withKey("nope").get("/api/v1/outbound/api-keys").status())
                .isEqualTo(401);
    }

    @Test
    void the_bootstrap_key_is_accepted() {
        assertThat(Api.at(port).get("/api/v1/outbound/api-keys").status()).isEqualTo(200);
    }
}
