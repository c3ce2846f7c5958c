package dev.outbound.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.StoreTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With OUTBOUND_AGENT_HOSTS empty no agent URL is accepted, anywhere. */
@StoreTest
class AgentHostsEmptyTest {
    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    @Test
    void an_agent_with_a_url_is_refused_but_one_without_is_kept() {
        var withUrl = api.post("/api/v1/outbound/agents", Map.of("name", "A", "voice_url", "https://agent.example/t"));
        assertThat(withUrl.status()).isEqualTo(422);
        assertThat(withUrl.json().path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"voice_url\"]");
        assertThat(withUrl.json().path("detail").get(0).path("msg").asString()).contains("OUTBOUND_AGENT_HOSTS");

        assertThat(api.post("/api/v1/outbound/agents", Map.of("name", "A")).status())
                .isEqualTo(200);
    }

    @Test
    void a_campaign_agent_url_is_refused() {
        var body = Fixtures.aMinimalCampaign();
        body.put("agent_url", "https://agent.example/twiml");

        var r = api.post("/api/v1/outbound/campaigns", body);

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"agent_url\"]");
    }
}
