package dev.outbound.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad requests of every kind get a 4xx with a message, never a 5xx. */
@StoreTest
class ApiErrorsTest {
    @LocalServerPort
    int port;

    @Test
    void a_json_body_over_the_limit_is_a_413() {
        String huge = "{\"campaign_name\":\"" + "x".repeat(1_100_000) + "\"}";
        var r = Api.at(port).post("/api/v1/outbound/campaigns", huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("detail").asString()).contains("OUTBOUND_MAX_JSON_BODY_BYTES");
    }

    @Test
    void malformed_json_is_a_422_at_the_body() {
        var r = Api.at(port).post("/api/v1/outbound/campaigns", "{\"campaign_name\":");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("type").asString()).isEqualTo("json_invalid");
    }

    @Test
    void a_wrong_content_type_is_a_422_saying_what_to_send() {
        var r = Api.at(port)
                .send("POST", "/api/v1/outbound/campaigns", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("msg").asString()).contains("application/json");
    }

    @Test
    void a_non_numeric_campaign_id_in_the_path_is_a_422() {
        var r = Api.at(port).get("/api/v1/outbound/campaigns/abc");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("loc").toString()).isEqualTo("[\"path\",\"campaign_id\"]");
    }

    @Test
    void an_unknown_path_is_a_404_and_a_wrong_method_a_405() {
        assertThat(Api.at(port).get("/api/v1/outbound/nothing-here").status()).isEqualTo(404);
        assertThat(Api.at(port)
                        .send("PATCH", "/api/v1/outbound/campaigns", "application/json", new byte[0])
                        .status())
                .isEqualTo(405);
    }

    @Test
    void a_bearer_token_works_like_the_api_key_header() {
        var r = Api.at(port)
                .withKey(null)
                .sendWithHeader("GET", "/api/v1/outbound/api-keys", "Authorization", "Bearer " + Api.SUPERUSER_KEY);
        assertThat(r.status()).isEqualTo(200);
    }
}
