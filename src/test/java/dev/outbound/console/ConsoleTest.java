package dev.outbound.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.outbound.dispatch.Dispatcher;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The console's pages through MockMvc against the whole service. */
@dev.outbound.testing.StoreTest
@AutoConfigureMockMvc
@Import(ConsoleClockConfig.class)
class ConsoleTest {
    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    private MockHttpSession signedIn() throws Exception {
        MockHttpSession session = ConsoleSignIn.superuser(mvc);
        // Signing in replaces the CSRF token; the next page carries the new one.
        mvc.perform(get("/console/campaigns").session(session)).andExpect(status().isOk());
        return session;
    }

    private static String csrf(MockHttpSession session) {
        return String.valueOf(session.getAttribute(ConsoleSession.CSRF));
    }

    @Test
    void the_root_leads_to_the_console_and_a_visitor_without_a_session_to_sign_in() throws Exception {
        mvc.perform(get("/")).andExpect(redirectedUrl("/console"));
        mvc.perform(get("/console/campaigns")).andExpect(redirectedUrl("/console/sign-in"));
        mvc.perform(get("/console/batches/x/live").header("HX-Request", "true"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/console/sign-in"));
    }

    @Test
    void a_valid_key_signs_in_and_a_wrong_one_is_told_so() throws Exception {
        mvc.perform(get("/console/sign-in"))
                .andExpect(content().string(Matchers.containsString("<label for=\"api_key\">API key</label>")));
        var token = ConsoleSignIn.signInToken(mvc);
        mvc.perform(post("/console/sign-in")
                        .cookie(token)
                        .param("_csrf", token.getValue())
                        .param("api_key", "not-a-key"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().string(Matchers.containsString("This API key is unknown or revoked.")));

        MockHttpSession in = signedIn();
        mvc.perform(get("/console/campaigns").session(in))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<h1>Campaigns</h1>")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("requests are waiting"))));
    }

    @Test
    void signing_out_ends_the_session() throws Exception {
        MockHttpSession session = signedIn();
        mvc.perform(post("/console/sign-out").session(session).param("_csrf", csrf(session)))
                .andExpect(redirectedUrl("/console/sign-in"));
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void a_form_without_the_sessions_csrf_token_is_refused() throws Exception {
        MockHttpSession session = signedIn();
        mvc.perform(post("/console/campaigns").session(session).param("campaign_name", "x"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/campaigns")
                        .session(session)
                        .param("_csrf", "forged")
                        .param("campaign_name", "x"))
                .andExpect(status().isForbidden());
        var fresh = new MockHttpSession();
        mvc.perform(post("/console/sign-in").session(fresh).param("api_key", Api.SUPERUSER_KEY))
                .andExpect(status().isForbidden());
    }

    @Test
    void an_invalid_campaign_comes_back_with_the_apis_messages_by_its_fields() throws Exception {
        MockHttpSession session = signedIn();
        mvc.perform(post("/console/campaigns")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("campaign_name", "Spring reminders")
                        .param("hourly_rate", "0")
                        .param("retry_count", "0")
                        .param("retry_interval", "soon")
                        .param("webhooks", "[{")
                        .param("active_days", "mon"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("Please correct the following")))
                .andExpect(content().string(Matchers.containsString("id=\"webhooks-error\"")))
                .andExpect(content().string(Matchers.containsString("Not valid JSON")))
                .andExpect(content().string(Matchers.containsString("value=\"Spring reminders\"")));

        mvc.perform(post("/console/campaigns")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("campaign_name", "Spring reminders")
                        .param("hourly_rate", "0")
                        .param("retry_count", "0")
                        .param("retry_interval", "soon")
                        .param("active_days", "mon"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("id=\"hourly_rate-error\"")))
                .andExpect(content().string(Matchers.containsString("id=\"retry_interval-error\"")));
    }

    @Test
    void the_forms_messages_are_the_apis_messages() throws Exception {
        var api = Api.at(port);
        var body = Fixtures.aMinimalCampaign();
        body.put("hourly_rate", 0);
        String apiMessage = api.post("/api/v1/outbound/campaigns", body)
                .json()
                .path("detail")
                .get(0)
                .path("msg")
                .asString();
        MockHttpSession session = signedIn();
        String page = mvc.perform(post("/console/campaigns")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("campaign_name", "Rates")
                        .param("hourly_rate", "0")
                        .param("retry_count", "0")
                        .param("active_days", "mon"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(org.springframework.web.util.HtmlUtils.htmlEscape(apiMessage));
    }

    @Test
    void a_campaign_is_created_edited_and_given_a_batch_with_its_call_list() throws Exception {
        MockHttpSession session = signedIn();
        String location = mvc.perform(post("/console/campaigns")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("campaign_name", "Flu shots")
                        .param("mode", "voice")
                        .param("hourly_rate", "120")
                        .param("retry_count", "2")
                        .param("retry_interval", "30m")
                        .param("campaign_variables", "clinic=North\nphone=+14155550100")
                        .param("labels", "health, autumn")
                        .param("active_days", "mon", "tue")
                        .param("include_unknown_line_types", "true"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).isNotNull();
        assertThat(location).startsWith("/console/campaigns/");
        long id = Long.parseLong(java.util.Objects.requireNonNull(location).substring("/console/campaigns/".length()));

        mvc.perform(get("/console/campaigns/" + id + "/edit").session(session))
                .andExpect(content().string(Matchers.containsString("clinic=North")))
                .andExpect(content().string(Matchers.containsString("value=\"health, autumn\"")));
        mvc.perform(get("/console/campaigns").session(session).param("q", "flu"))
                .andExpect(content().string(Matchers.containsString("Flu shots")));

        var file = new MockMultipartFile(
                "file",
                "list.csv",
                "text/csv",
                "reference_id,target\nr1,+14155550123\nr1,+14155550124\nr2,nope\n".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/console/campaigns/" + id + "/batches")
                        .file(file)
                        .session(session)
                        .header("X-Requested-With", "XMLHttpRequest")
                        .header("X-CSRF-Token", csrf(session))
                        .param("batch_id", "console-batch-1"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"ingest-outcome\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<html"))));

        mvc.perform(get("/console/batches/console-batch-1").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("hx-trigger=\"every 2s\"")))
                .andExpect(content().string(Matchers.containsString("data-status=\"DUPLICATE\"")));
        mvc.perform(get("/console/batches/console-batch-1/results.csv").session(session))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.startsWith("text/csv")))
                .andExpect(content().string(Matchers.containsString("r1,+14155550123,PENDING")));
        mvc.perform(post("/console/batches/console-batch-1/hold")
                        .session(session)
                        .param("_csrf", csrf(session)))
                .andExpect(redirectedUrl("/console/batches/console-batch-1"));
        mvc.perform(get("/console/batches/console-batch-1/live").session(session))
                .andExpect(content().string(Matchers.containsString("id=\"live\"")));
        mvc.perform(get("/console/batches/nope").session(session)).andExpect(status().isNotFound());
    }

    @Test
    void retries_by_outcome_are_set_in_the_campaign_form_and_a_wrong_rule_is_shown_by_its_field() throws Exception {
        MockHttpSession session = signedIn();
        String location = mvc.perform(post("/console/campaigns")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("campaign_name", "Retries by outcome")
                        .param("hourly_rate", "60")
                        .param("retry_count", "1")
                        .param("retry_rules", "{\"BUSY\": {\"count\": 3, \"interval\": \"10m\"}}")
                        .param("machine_outcome", "complete")
                        .param("active_days", "mon"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();

        mvc.perform(get(java.util.Objects.requireNonNull(location) + "/edit").session(session))
                .andExpect(content().string(Matchers.containsString("&quot;interval&quot; : &quot;10m&quot;")))
                .andExpect(content().string(Matchers.containsString("<option value=\"complete\" selected")));
        mvc.perform(get(location).session(session))
                .andExpect(content().string(Matchers.containsString("BUSY 3 every 10m")))
                .andExpect(content().string(Matchers.containsString("completes the request")));
        mvc.perform(post("/console/campaigns")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("campaign_name", "Wrong rule")
                        .param("hourly_rate", "60")
                        .param("retry_count", "1")
                        .param("retry_rules", "{\"HUMAN\": {\"count\": 3}}")
                        .param("active_days", "mon"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("id=\"retry_rules-error\"")));
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site() throws Exception {
        var http = HttpClient.newHttpClient();
        var page = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/sign-in"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String token = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SignInToken.COOKIE + "="))
                .findFirst()
                .orElseThrow()
                .split("[=;]")[1];
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/sign-in"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", SignInToken.COOKIE + "=" + token)
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&api_key=" + Api.SUPERUSER_KEY))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("OUTBOUND_CONSOLE=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
    }

    @Test
    void the_live_part_shows_attempts_per_hour_as_the_dispatcher_works() throws Exception {
        var api = Api.at(port);
        clock.set(ConsoleClockConfig.START);
        var campaign = Fixtures.aMinimalCampaign();
        campaign.put("hourly_rate", 3600);
        campaign.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        long campaignId = api.post("/api/v1/outbound/campaigns", campaign)
                .json()
                .path("id")
                .asLong();
        String batchId = Fixtures.createBatch(api, campaignId);
        api.upload(
                "/api/v1/outbound/batches/" + batchId + "/upload_batch",
                "l.csv",
                "reference_id,target\nh1,+14155550120\nh2,+14155550121\nh3,+14155550122\n");
        for (int i = 0; i < 10; i++) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }
        MockHttpSession session = signedIn();

        mvc.perform(get("/console/batches/" + batchId + "/live").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("\"hours\":[\"11-30 12:00\"]")))
                .andExpect(content().string(Matchers.containsString("\"attempts\":[3]")));
    }

    @Test
    void the_batch_page_says_when_the_batch_will_be_done_and_charts_attempts_per_day_made_and_planned()
            throws Exception {
        var api = Api.at(port);
        clock.set(ConsoleClockConfig.START);
        var campaign = Fixtures.aMinimalCampaign();
        campaign.put("hourly_rate", 60);
        campaign.put("retry_count", 0);
        campaign.put("timezone", "UTC");
        campaign.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        long campaignId = api.post("/api/v1/outbound/campaigns", campaign)
                .json()
                .path("id")
                .asLong();
        String batchId = Fixtures.createBatch(api, campaignId);
        api.upload("/api/v1/outbound/batches/" + batchId + "/upload_batch", "l.csv", Fixtures.aCallList(30));
        MockHttpSession session = signedIn();

        mvc.perform(get("/console/batches/" + batchId).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("At this pace: done ")))
                .andExpect(content().string(Matchers.containsString("First attempt ")))
                .andExpect(content().string(Matchers.containsString("id=\"forecast-chart\"")))
                .andExpect(content().string(Matchers.containsString(": 0 made, 30 planned")));

        for (int i = 0; i < 10; i++) {
            dispatcher.tick();
            clock.advance(Duration.ofMinutes(1));
        }
        mvc.perform(get("/console/batches/" + batchId).session(session))
                .andExpect(content().string(Matchers.not(Matchers.containsString("First attempt "))))
                .andExpect(content().string(Matchers.matchesPattern("(?s).*: (10|11) made, (19|20) planned.*")));
    }

    @Test
    void the_live_part_brings_the_results_table_for_the_users_filter_and_page() throws Exception {
        var api = Api.at(port);
        clock.set(ConsoleClockConfig.START);
        String batchId = Fixtures.dialableBatch(api, java.util.Map.of(), "+14155550130", "+14155550131");
        MockHttpSession session = signedIn();
        assertThat(resultsOf(live(session, batchId, ""))).contains("r0", "r1").doesNotContain("s-INITIATED");

        dispatcher.tick();

        String all = live(session, batchId, "");
        assertThat(resultsOf(all)).as("the rows change with the counts").contains("s-INITIATED");
        assertThat(all).contains("hx-swap-oob=\"true\"");
        String pending = live(session, batchId, "PENDING");
        assertThat(resultsOf(pending)).as("the filter is kept").contains("r1").doesNotContain("r0");
        assertThat(pending).contains("/live?status=PENDING&amp;reference_id=&amp;page=0");
    }

    @Test
    void an_email_batch_page_shows_how_many_were_delivered_opened_clicked_and_bounced_and_a_voice_batch_none()
            throws Exception {
        var api = Api.at(port);
        clock.set(ConsoleClockConfig.START);
        String email = Fixtures.dialableBatch(
                api, Map.of("mode", "email"), "ada0@example.com", "ada1@example.com", "ada7@example.com");
        String voice = Fixtures.dialableBatch(api, Map.of(), "+15125550900");
        for (int i = 0; i < 30; i++) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }
        MockHttpSession session = signedIn();

        String page = mvc.perform(get("/console/batches/" + email + "/live").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString()
                .replaceAll("\\s+", " ");
        assertThat(page)
                .contains("id=\"email-engagement\"")
                .contains("delivered <span>2</span>")
                .contains("opened <span>0</span>")
                .contains("clicked <span>0</span>")
                .contains("bounced <span>1</span>");
        mvc.perform(get("/console/batches/" + voice).session(session))
                .andExpect(content().string(Matchers.not(Matchers.containsString("email-engagement"))));
    }

    private String live(MockHttpSession session, String batchId, String status) throws Exception {
        return mvc.perform(get("/console/batches/" + batchId + "/live")
                        .session(session)
                        .param("status", status)
                        .param("page", "0"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static String resultsOf(String live) {
        int at = live.indexOf("id=\"results-table\"");
        assertThat(at).as("the results table comes with the live part").isNotNegative();
        return live.substring(at);
    }

    @Test
    void the_campaign_form_asks_for_the_sms_session_ttl_in_minutes_as_the_contract_says() throws Exception {
        mvc.perform(get("/console/campaigns/new").session(signedIn()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("SMS session TTL (minutes)")));
    }

    @Test
    void a_batch_is_deleted_only_with_a_reason() throws Exception {
        String batchId = Fixtures.createBatch(Api.at(port));
        MockHttpSession session = signedIn();

        mvc.perform(post("/console/batches/" + batchId + "/delete")
                        .session(session)
                        .param("_csrf", csrf(session)))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("Give a reason for deleting the batch")));
        mvc.perform(post("/console/batches/" + batchId + "/delete")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("delete_reason", "sent twice"))
                .andExpect(redirectedUrl("/console/batches/" + batchId));
        assertThat(Api.at(port)
                        .get("/api/v1/outbound/batches/" + batchId)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("CANCELED");
        mvc.perform(get("/console/batches/" + batchId).session(session))
                .andExpect(content().string(Matchers.not(Matchers.containsString("hx-trigger"))));
    }
}
