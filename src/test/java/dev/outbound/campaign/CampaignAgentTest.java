package dev.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.StoreTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** A campaign's agent: agent_id checked at save, its URLs in the delivery, and no deleting it in use. */
@StoreTest
@TestPropertySource(properties = "outbound.agent-hosts=agent.example,*.agents.example.com")
class CampaignAgentTest {
    private static final String AGENTS = "/api/v1/outbound/agents";
    private static final String CAMPAIGNS = "/api/v1/outbound/campaigns";

    @LocalServerPort
    int port;

    @Autowired
    Campaigns campaigns;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    private long agent(Api as, Map<String, Object> body) {
        var r = as.post(AGENTS, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private long campaign(Map<String, Object> extra) {
        var body = Fixtures.aMinimalCampaign();
        body.putAll(extra);
        var r = api.post(CAMPAIGNS, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private long organization() {
        return jdbc.sql("SELECT organization_id FROM api_key WHERE user_email = :email")
                .param("email", Api.SUPERUSER_EMAIL)
                .query(Long.class)
                .single();
    }

    private static String loc(Api.Response r) {
        return r.json().path("detail").get(0).path("loc").toString();
    }

    @Test
    void the_delivery_takes_the_agents_voice_and_sms_urls() {
        long agent = agent(
                api,
                Map.of("name", "Desk", "voice_url", "https://agent.example/v", "sms_url", "https://agent.example/s"));
        long id = campaign(Map.of("agent_id", agent));

        var delivery = campaigns.delivery(organization(), id);

        assertThat(delivery.agentUrl()).isEqualTo("https://agent.example/v");
        assertThat(delivery.smsAgentUrl()).isEqualTo("https://agent.example/s");
    }

    @Test
    void the_campaigns_agent_url_wins_over_its_agents_voice_url() {
        long agent = agent(
                api,
                Map.of("name", "Desk", "voice_url", "https://agent.example/v", "sms_url", "https://agent.example/s"));
        long id = campaign(Map.of("agent_id", agent, "agent_url", "https://eu.agents.example.com/own"));

        var delivery = campaigns.delivery(organization(), id);

        assertThat(delivery.agentUrl()).isEqualTo("https://eu.agents.example.com/own");
        assertThat(delivery.smsAgentUrl()).isEqualTo("https://agent.example/s");
    }

    @Test
    void an_agent_id_that_is_not_an_agent_of_the_organization_is_refused() {
        long theirs = agent(api.withKey(SecondOrganization.key(api, "Agent Owners")), Map.of("name", "Theirs"));
        var body = Fixtures.aMinimalCampaign();
        body.put("agent_id", theirs);

        var created = api.post(CAMPAIGNS, body);
        assertThat(created.status()).isEqualTo(422);
        assertThat(loc(created)).isEqualTo("[\"body\",\"agent_id\"]");

        long id = campaign(Map.of());
        var updated = api.put(CAMPAIGNS + "/" + id, body);
        assertThat(updated.status()).isEqualTo(422);
        assertThat(loc(updated)).isEqualTo("[\"body\",\"agent_id\"]");
    }

    @Test
    void an_agent_that_campaigns_use_is_not_deleted_and_the_409_names_them() {
        long agent = agent(api, Map.of("name", "Busy desk"));
        var body = Fixtures.aMinimalCampaign();
        body.put("agent_id", agent);
        body.put("campaign_name", "Uses the desk");
        long id = api.post(CAMPAIGNS, body).json().path("id").asLong();

        var refused = api.delete(AGENTS + "/" + agent);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains(id + " (Uses the desk)");
        assertThat(api.delete(CAMPAIGNS + "/" + id).status()).isEqualTo(200);
        assertThat(api.delete(AGENTS + "/" + agent).status()).isEqualTo(200);
    }

    @Test
    void a_campaign_agent_url_must_be_https_on_a_listed_host_without_userinfo() {
        for (String url : new String[] {
            "http://agent.example/t",
            "https://evil.example/t",
            "https://agents.example.com/t",
            "https://u:p@agent.example/t"
        }) {
            var body = Fixtures.aMinimalCampaign();
            body.put("agent_url", url);
            var r = api.post(CAMPAIGNS, body);
            assertThat(r.status()).as(url).isEqualTo(422);
            assertThat(loc(r)).as(url).isEqualTo("[\"body\",\"agent_url\"]");
        }
        assertThat(campaign(Map.of("agent_url", "https://x.agents.example.com/t")))
                .isPositive();
    }
}
