package dev.outbound.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import java.util.Objects;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The console's contact limit fields, the organization policy page and the results' reason column. */
@dev.outbound.testing.StoreTest
@AutoConfigureMockMvc
class ConsoleContactLimitTest {
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

    @Test
    void a_campaign_keeps_the_contact_limit_and_duplicate_targets_set_in_its_form() throws Exception {
        MockHttpSession session = signedIn();
        String location = mvc.perform(post("/console/campaigns")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("campaign_name", "Collections")
                        .param("hourly_rate", "60")
                        .param("retry_count", "0")
                        .param("active_days", "mon")
                        .param("contact_limit_max_attempts", "7")
                        .param("contact_limit_days", "7")
                        .param("contact_limit_after_conversation_days", "")
                        .param("duplicate_targets", "skip"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long id = Long.parseLong(Objects.requireNonNull(location).substring("/console/campaigns/".length()));

        var campaign = Api.at(port).get("/api/v1/outbound/campaigns/" + id).json();
        assertThat(campaign.path("contact_limit").toString())
                .isEqualTo("{\"max_attempts\":7,\"days\":7,\"after_conversation_days\":null}");
        assertThat(campaign.path("duplicate_targets").asString()).isEqualTo("skip");
        mvc.perform(get("/console/campaigns/" + id).session(session))
                .andExpect(content().string(Matchers.containsString("7 in 7 days")))
                .andExpect(content().string(Matchers.containsString("<dd>skip</dd>")));
        mvc.perform(get("/console/campaigns/" + id + "/edit").session(session))
                .andExpect(content().string(Matchers.containsString("name=\"contact_limit_max_attempts\"")))
                .andExpect(content().string(Matchers.containsString("value=\"7\"")))
                .andExpect(content().string(Matchers.containsString("<option value=\"skip\" selected")));
    }

    @Test
    void an_incomplete_contact_limit_comes_back_with_the_apis_message() throws Exception {
        MockHttpSession session = signedIn();
        mvc.perform(post("/console/campaigns")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("campaign_name", "Half a limit")
                        .param("hourly_rate", "60")
                        .param("retry_count", "0")
                        .param("active_days", "mon")
                        .param("contact_limit_max_attempts", "7"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("id=\"contact_limit-error\"")))
                .andExpect(content().string(Matchers.containsString("max_attempts and days must be given together")))
                .andExpect(content().string(Matchers.containsString("value=\"7\"")));
    }

    @Test
    void the_policy_page_sets_the_organizations_limit_as_the_api_does() throws Exception {
        MockHttpSession session = signedIn();
        mvc.perform(get("/console/campaigns").session(session))
                .andExpect(content().string(Matchers.containsString("href=\"/console/policy\"")));

        mvc.perform(post("/console/policy")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("contact_limit_max_attempts", "3")
                        .param("contact_limit_days", "1")
                        .param("contact_limit_after_conversation_days", "2"))
                .andExpect(redirectedUrl("/console/policy?saved=true"));

        assertThat(Api.at(port)
                        .get("/api/v1/outbound/policy")
                        .json()
                        .path("contact_limit")
                        .toString())
                .isEqualTo("{\"max_attempts\":3,\"days\":1,\"after_conversation_days\":2}");
        mvc.perform(get("/console/policy").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("value=\"3\"")))
                .andExpect(content().string(Matchers.containsString(Api.SUPERUSER_EMAIL)));

        mvc.perform(post("/console/policy")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("contact_limit_days", "0"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("id=\"contact_limit-error\"")));
        assertThat(Api.at(port)
                        .get("/api/v1/outbound/policy")
                        .json()
                        .path("contact_limit")
                        .path("days")
                        .asInt())
                .isEqualTo(1);

        mvc.perform(post("/console/policy").session(session).param("_csrf", csrf(session)))
                .andExpect(redirectedUrl("/console/policy?saved=true"));
        assertThat(Api.at(port)
                        .get("/api/v1/outbound/policy")
                        .json()
                        .path("contact_limit")
                        .isNull())
                .isTrue();
    }

    @Test
    void a_batchs_results_show_why_a_row_was_skipped() throws Exception {
        var api = Api.at(port);
        var body = Fixtures.aMinimalCampaign();
        body.put("duplicate_targets", "skip");
        long campaignId =
                api.post("/api/v1/outbound/campaigns", body).json().path("id").asLong();
        String batchId = Fixtures.createBatch(api, campaignId);
        api.upload(
                "/api/v1/outbound/batches/" + batchId + "/upload_batch",
                "list.csv",
                "reference_id,target\r\nfirst,+14155550123\r\nsecond,+14155550123\r\n");
        MockHttpSession session = signedIn();

        mvc.perform(get("/console/batches/" + batchId).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<th scope=\"col\">Reason</th>")))
                .andExpect(content().string(Matchers.containsString("DUPLICATE_TARGET")))
                .andExpect(content().string(Matchers.containsString("same target as reference id first")));
    }
}
