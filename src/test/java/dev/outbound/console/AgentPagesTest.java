package dev.outbound.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.outbound.testing.StoreTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The console's agents page, and the campaign form's agent select, through MockMvc. */
@StoreTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "outbound.agent-hosts=agent.example")
class AgentPagesTest {
    @Autowired
    MockMvc mvc;

    private MockHttpSession signedIn() throws Exception {
        var session = ConsoleSignIn.superuser(mvc);
        mvc.perform(get("/console/agents").session(session)).andExpect(status().isOk());
        return session;
    }

    private static String csrf(MockHttpSession session) {
        return ConsoleSignIn.csrf(session);
    }

    private String page(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static long agentId(String page, String name) {
        var m = Pattern.compile("<td>(\\d+)</td>\\s*<td>" + Pattern.quote(name) + "</td>")
                .matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void agents_are_added_edited_and_deleted_from_the_page_in_the_nav() throws Exception {
        MockHttpSession session = signedIn();
        assertThat(page(session, "/console/campaigns")).contains("href=\"/console/agents\"");

        mvc.perform(post("/console/agents")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("name", "Front desk")
                        .param("voice_url", "https://agent.example/twiml"))
                .andExpect(redirectedUrl("/console/agents"));
        String list = page(session, "/console/agents");
        assertThat(list).contains("Front desk", "https://agent.example/twiml");
        long id = agentId(list, "Front desk");

        assertThat(page(session, "/console/agents?edit=" + id)).contains("value=\"Front desk\"", "Save agent");
        mvc.perform(post("/console/agents/" + id)
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("name", "Night desk")
                        .param("sms_url", "https://agent.example/sms"))
                .andExpect(redirectedUrl("/console/agents"));
        assertThat(page(session, "/console/agents")).contains("Night desk", "https://agent.example/sms");

        mvc.perform(post("/console/agents/" + id + "/delete").session(session).param("_csrf", csrf(session)))
                .andExpect(redirectedUrl("/console/agents"));
        assertThat(page(session, "/console/agents")).doesNotContain("Night desk");
    }

    @Test
    void a_url_off_the_host_list_is_shown_next_to_its_field() throws Exception {
        MockHttpSession session = signedIn();

        mvc.perform(post("/console/agents")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("name", "Elsewhere")
                        .param("voice_url", "https://evil.example/twiml"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("Please correct the following")))
                .andExpect(content().string(Matchers.containsString("id=\"voice_url-error\"")))
                .andExpect(content().string(Matchers.containsString("value=\"https://evil.example/twiml\"")));
    }

    @Test
    void the_campaign_form_offers_the_agents_and_deleting_one_in_use_shows_why_not() throws Exception {
        MockHttpSession session = signedIn();
        mvc.perform(post("/console/agents")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("name", "Desk for campaigns"))
                .andExpect(redirectedUrl("/console/agents"));
        long id = agentId(page(session, "/console/agents"), "Desk for campaigns");
        assertThat(page(session, "/console/campaigns/new"))
                .contains("<option value=\"" + id + "\">Desk for campaigns</option>");

        String location = mvc.perform(post("/console/campaigns")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("campaign_name", "Uses a desk")
                        .param("hourly_rate", "60")
                        .param("retry_count", "0")
                        .param("active_days", "mon")
                        .param("agent_id", Long.toString(id)))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).startsWith("/console/campaigns/");
        assertThat(page(session, location + "/edit")).contains("<option value=\"" + id + "\" selected=\"selected\">");

        mvc.perform(post("/console/agents/" + id + "/delete").session(session).param("_csrf", csrf(session)))
                .andExpect(status().is(409))
                .andExpect(content().string(Matchers.containsString("Uses a desk")))
                .andExpect(content().string(Matchers.containsString("Desk for campaigns")));
    }
}
