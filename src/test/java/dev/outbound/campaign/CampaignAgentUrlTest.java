package dev.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.StoreTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The agent_url extension: where an answered call is handed to the agent. */
@StoreTest
@TestPropertySource(properties = "outbound.agent-hosts=agent.example")
class CampaignAgentUrlTest {
    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    @Test
    void a_campaign_keeps_its_agent_url_and_a_put_without_it_clears_it() {
        var body = Fixtures.aMinimalCampaign();
        body.put("agent_url", "https://agent.example/twiml?flow=a");
        var created = api.post("/api/v1/outbound/campaigns", body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        long id = created.json().path("id").asLong();
        assertThat(created.json().path("agent_url").asString()).isEqualTo("https://agent.example/twiml?flow=a");

        body.remove("agent_url");
        var updated = api.put("/api/v1/outbound/campaigns/" + id, body);

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("agent_url").isNull()).isTrue();
    }

    @Test
    void an_agent_url_that_is_not_an_absolute_http_url_is_refused() {
        var body = Fixtures.aMinimalCampaign();
        body.put("agent_url", "ftp://agent.example/twiml");

        var r = api.post("/api/v1/outbound/campaigns", body);

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"agent_url\"]");
    }
}
