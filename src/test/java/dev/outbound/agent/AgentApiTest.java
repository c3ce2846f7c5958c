package dev.outbound.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The agents extension: CRUD, organization isolation, the host rule at save. */
@StoreTest
@TestPropertySource(properties = "outbound.agent-hosts=agent.example, *.agents.example.com")
class AgentApiTest {
    private static final String AGENTS = "/api/v1/outbound/agents";

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    private static Map<String, Object> agent(String name, String voiceUrl, String smsUrl) {
        var body = new HashMap<String, Object>();
        body.put("name", name);
        body.put("voice_url", voiceUrl);
        body.put("sms_url", smsUrl);
        return body;
    }

    private long create(Api as, String name) {
        var r = as.post(AGENTS, agent(name, "https://agent.example/twiml", "https://eu.agents.example.com/sms"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private static String loc(Api.Response r) {
        return r.json().path("detail").get(0).path("loc").toString();
    }

    @Test
    void an_agent_is_created_read_updated_and_deleted() {
        var created = api.post(
                AGENTS, agent("Front desk", "https://agent.example/twiml?flow=a", "https://agent.example/sms"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode a = created.json();
        long id = a.path("id").asLong();
        assertThat(a.path("name").asString()).isEqualTo("Front desk");
        assertThat(a.path("voice_url").asString()).isEqualTo("https://agent.example/twiml?flow=a");
        assertThat(a.path("sms_url").asString()).isEqualTo("https://agent.example/sms");
        assertThat(a.path("created_at").asString()).isNotEmpty();

        assertThat(api.get(AGENTS + "/" + id).json().path("name").asString()).isEqualTo("Front desk");

        var updated =
                api.put(AGENTS + "/" + id, Map.of("name", "Night desk", "voice_url", "https://x.agents.example.com/t"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("name").asString()).isEqualTo("Night desk");
        assertThat(updated.json().path("voice_url").asString()).isEqualTo("https://x.agents.example.com/t");
        assertThat(updated.json().path("sms_url").isNull()).isTrue();

        var deleted = api.delete(AGENTS + "/" + id);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
        assertThat(api.get(AGENTS + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void an_agent_keeps_the_sip_uri_the_sip_channel_joins_calls_to_and_refuses_one_that_is_not_sip() {
        var created =
                api.post(AGENTS, Map.of("name", "PBX desk", "sip_uri", "sip:desk@pbx.example.com:5070;transport=tcp"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        long id = created.json().path("id").asLong();
        assertThat(api.get(AGENTS + "/" + id).json().path("sip_uri").asString())
                .isEqualTo("sip:desk@pbx.example.com:5070;transport=tcp");
        assertThat(api.post(AGENTS, Map.of("name", "No SIP"))
                        .json()
                        .path("sip_uri")
                        .isNull())
                .isTrue();

        for (String bad : new String[] {"https://pbx.example.com", "sip:desk@pbx.example.com\r\nX-Evil: 1", "sip:"}) {
            var refused = api.post(AGENTS, Map.of("name", "Bad", "sip_uri", bad));
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(loc(refused)).as(bad).contains("sip_uri");
        }
    }

    @Test
    void the_list_is_paged_newest_first_and_holds_only_the_callers_agents() {
        Api other = api.withKey(otherOrganizationKey("Agents Elsewhere"));
        long first = create(api, "First");
        long second = create(api, "Second");
        create(other, "Theirs");

        var page = api.get(AGENTS + "?limit=1");

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().path("items").get(0).path("id").asLong()).isEqualTo(second);
        assertThat(page.json().path("page_size").asInt()).isEqualTo(1);
        assertThat(page.json().path("total_count").asLong()).isGreaterThanOrEqualTo(2);
        var all = api.get(AGENTS + "?limit=1000").json().path("items");
        assertThat(all.valueStream().map(n -> n.path("name").asString()))
                .contains("First", "Second")
                .doesNotContain("Theirs");
        assertThat(api.get(AGENTS + "?page=1&limit=1")
                        .json()
                        .path("items")
                        .get(0)
                        .path("id")
                        .asLong())
                .isEqualTo(first);
    }

    @Test
    void another_organizations_agent_is_not_found() {
        Api other = api.withKey(otherOrganizationKey("Agents Apart"));
        long theirs = create(other, "Theirs");

        assertThat(api.get(AGENTS + "/" + theirs).status()).isEqualTo(404);
        assertThat(api.put(AGENTS + "/" + theirs, Map.of("name", "Mine now")).status())
                .isEqualTo(404);
        assertThat(api.delete(AGENTS + "/" + theirs).status()).isEqualTo(404);
        assertThat(other.get(AGENTS + "/" + theirs).json().path("name").asString())
                .isEqualTo("Theirs");
    }

    @Test
    void a_missing_name_is_a_422_in_the_contracts_shape() {
        var r = api.post(AGENTS, Map.of("voice_url", "https://agent.example/twiml"));

        assertThat(r.status()).isEqualTo(422);
        assertThat(loc(r)).isEqualTo("[\"body\",\"name\"]");
        assertThat(r.json().path("detail").get(0).path("type").asString()).isEqualTo("missing");
    }

    @Test
    void a_plain_http_voice_url_is_refused_naming_the_field() {
        var r = api.post(AGENTS, agent("A", "http://agent.example/twiml", "https://agent.example/sms"));

        assertThat(r.status()).isEqualTo(422);
        assertThat(loc(r)).isEqualTo("[\"body\",\"voice_url\"]");
    }

    @Test
    void an_sms_url_on_a_host_not_on_the_list_is_refused_naming_the_field() {
        var r = api.post(AGENTS, agent("A", "https://agent.example/twiml", "https://evil.example/sms"));

        assertThat(r.status()).isEqualTo(422);
        assertThat(loc(r)).isEqualTo("[\"body\",\"sms_url\"]");
        assertThat(r.json().path("detail").get(0).path("msg").asString()).contains("evil.example");
    }

    @Test
    void a_wildcard_host_is_accepted_but_not_the_bare_domain() {
        assertThat(api.post(AGENTS, agent("A", "https://us.agents.example.com/t", "https://agent.example/s"))
                        .status())
                .isEqualTo(200);
        var bare = api.post(AGENTS, agent("A", "https://agents.example.com/t", "https://agent.example/s"));
        assertThat(bare.status()).isEqualTo(422);
        assertThat(loc(bare)).isEqualTo("[\"body\",\"voice_url\"]");
    }

    @Test
    void a_url_with_userinfo_is_refused() {
        var r = api.post(AGENTS, agent("A", "https://user:secret@agent.example/twiml", "https://agent.example/s"));

        assertThat(r.status()).isEqualTo(422);
        assertThat(loc(r)).isEqualTo("[\"body\",\"voice_url\"]");
        assertThat(r.body()).doesNotContain("secret");
    }

    private String otherOrganizationKey(String name) {
        String email = "admin@" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ".example.com";
        var r = api.post("/api/v1/outbound/organizations", Map.of("name", name, "admin_email", email));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("admin_key").path("api_key").asString();
    }
}
