package dev.outbound.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.outbound.testing.Api;
import java.util.Objects;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The console's restricted dates and capacity fields, on a campaign and on the policy page. */
@dev.outbound.testing.StoreTest
@AutoConfigureMockMvc
class ConsoleCalendarTest {
    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    private MockHttpSession signedIn() throws Exception {
        var session = ConsoleSignIn.superuser(mvc);
        mvc.perform(get("/console/campaigns").session(session)).andExpect(status().isOk());
        return session;
    }

    private static String csrf(MockHttpSession session) {
        return ConsoleSignIn.csrf(session);
    }

    private static MockHttpServletRequestBuilder campaignForm(MockHttpSession session, String dates) {
        return post("/console/campaigns")
                .session(session)
                .param("_csrf", csrf(session))
                .param("campaign_name", "Holidays")
                .param("hourly_rate", "60")
                .param("retry_count", "0")
                .param("active_days", "mon")
                .param("restricted_dates", dates)
                .param("max_concurrent", "20");
    }

    @Test
    void a_campaign_keeps_the_restricted_dates_and_attempts_at_once_set_in_its_form() throws Exception {
        MockHttpSession session = signedIn();
        String location = mvc.perform(campaignForm(session, "2026-12-24..2026-12-26 Christmas\n\n2027-01-01\n"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long id = Long.parseLong(Objects.requireNonNull(location).substring("/console/campaigns/".length()));

        var campaign = Api.at(port).get("/api/v1/outbound/campaigns/" + id).json();
        assertThat(campaign.path("restricted_dates").toString())
                .isEqualTo("[{\"start\":\"2026-12-24\",\"end\":\"2026-12-26\",\"name\":\"Christmas\"},"
                        + "{\"start\":\"2027-01-01\",\"end\":\"2027-01-01\",\"name\":null}]");
        assertThat(campaign.path("max_concurrent").asInt()).isEqualTo(20);
        mvc.perform(get("/console/campaigns/" + id).session(session))
                .andExpect(content().string(Matchers.containsString("Christmas 2026-12-24..2026-12-26; ")))
                .andExpect(content().string(Matchers.containsString("<dd>20</dd>")));
        mvc.perform(get("/console/campaigns/" + id + "/edit").session(session))
                .andExpect(content().string(Matchers.containsString("2026-12-24..2026-12-26 Christmas\n2027-01-01")))
                .andExpect(content().string(Matchers.containsString("value=\"20\"")));
    }

    @Test
    void a_wrong_date_comes_back_next_to_the_field_naming_its_line() throws Exception {
        MockHttpSession session = signedIn();
        mvc.perform(campaignForm(session, "2026-12-24 Christmas Eve\n\n2026-12-31..2026-12-30 New Year"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("id=\"restricted_dates-error\"")))
                .andExpect(content().string(Matchers.containsString("line 3 (end): end must not be before start")))
                .andExpect(content().string(Matchers.containsString("2026-12-31..2026-12-30 New Year")));
        mvc.perform(campaignForm(session, "Christmas 2026-12-25"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("line 1 (start): Input should be a valid date")));
    }

    @Test
    void the_policy_page_sets_dates_rules_and_attempts_at_once_and_names_what_is_wrong() throws Exception {
        MockHttpSession session = signedIn();
        String rules = "[{\"region\": \"US-FL\", \"daily_start_time\": \"08:00\", \"daily_end_time\": \"20:00\","
                + " \"contact_limit\": {\"max_attempts\": 3, \"days\": 1}, \"source\": \"Fla. Stat. 501.059(8)\"}]";
        mvc.perform(post("/console/policy")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("restricted_dates", "2026-12-25 Christmas")
                        .param("recipient_rules", rules)
                        .param("max_concurrent", "40"))
                .andExpect(redirectedUrl("/console/policy?saved=true"));

        var policy = Api.at(port).get("/api/v1/outbound/policy").json();
        assertThat(policy.path("restricted_dates").get(0).path("name").asString())
                .isEqualTo("Christmas");
        assertThat(policy.path("recipient_rules").get(0).path("region").asString())
                .isEqualTo("US-FL");
        assertThat(policy.path("max_concurrent").asInt()).isEqualTo(40);
        mvc.perform(get("/console/policy").session(session))
                .andExpect(content().string(Matchers.containsString("2026-12-25 Christmas")))
                .andExpect(content().string(Matchers.containsString("Fla. Stat. 501.059(8)")))
                .andExpect(content().string(Matchers.containsString("value=\"40\"")));

        mvc.perform(post("/console/policy")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("recipient_rules", "[{\"region\": \"Florida\"}]"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("id=\"recipient_rules-error\"")))
                .andExpect(content().string(Matchers.containsString("at [0].region: region should be")));
        mvc.perform(post("/console/policy")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("recipient_rules", "[{\"region\": "))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("Not valid JSON")));
        mvc.perform(post("/console/policy")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("max_concurrent", "0"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("id=\"max_concurrent-error\"")));
        assertThat(Api.at(port)
                        .get("/api/v1/outbound/policy")
                        .json()
                        .path("max_concurrent")
                        .asInt())
                .isEqualTo(40);
    }
}
