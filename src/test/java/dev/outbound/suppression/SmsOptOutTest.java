package dev.outbound.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.dispatch.Dispatcher;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.CampaignBuilder;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.Produces;
import dev.outbound.testing.StoreTest;
import dev.outbound.testing.TwilioStandIn;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * SMS replies through Twilio's signed incoming-message webhook, and Twilio's refusal to text a
 * person who opted out (error 21610), end to end through the Twilio stand-in.
 */
@StoreTest
@Import(SmsOptOutTest.Config.class)
class SmsOptOutTest {
    private static final String PUBLIC_URL = "https://outbound.example";
    private static final String INBOUND = "/twilio/sms/inbound";
    private static final String OUR_NUMBER = "+14155550199";
    private static final String HELP_TEXT = "Acme Clinic reminders & alerts. Reply STOP to opt out.";
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static volatile Clock standInClock = Clock.systemUTC();
    private static final TwilioStandIn TWILIO = new TwilioStandIn(() -> standInClock.instant());
    private static int day;

    @TestConfiguration
    static class Config {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry r) {
        TWILIO.register(r, PUBLIC_URL);
        r.add("outbound.sms.help-text", () -> HELP_TEXT);
        r.add("outbound.webhooks.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Suppressions suppressions;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(START.plus(Duration.ofDays(day++)));
        standInClock = clock;
        TWILIO.forward(PUBLIC_URL, "http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @Test
    void a_signed_stop_suppresses_the_number_and_marks_its_latest_sms_unsubscribed_and_fires_the_webhook() {
        long campaign = smsCampaign(List.of("UNSUBSCRIBED"), Map.of());
        String earlier = batch(campaign, "+14155561000");
        run(Duration.ofSeconds(10));
        String latest = batch(campaign, "+14155561000");
        run(Duration.ofSeconds(10));
        assertThat(status(latest)).isEqualTo("COMPLETED/DELIVERED");

        var answer = inbound(reply("+14155561000", "STOP"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(answer.body()).endsWith("<Response/>");
        Suppression entry = entry(campaign, "+14155561000").orElseThrow();
        assertThat(entry.kind()).isEqualTo(SuppressionKind.UNSUBSCRIBED);
        assertThat(entry.source()).isEqualTo(SuppressionSource.SMS);
        assertThat(entry.addedBy()).startsWith("sms:SM");
        assertThat(status(latest)).isEqualTo("COMPLETED/UNSUBSCRIBED");
        assertThat(status(earlier)).isEqualTo("COMPLETED/DELIVERED");
        long requestId = requestId(latest);
        assertThat(jdbc.sql("SELECT reason FROM request WHERE id = :id")
                        .param("id", requestId)
                        .query(String.class)
                        .single())
                .isEqualTo("SUPPRESSED");
        assertThat(jdbc.sql("SELECT channel_status FROM webhook_event WHERE request_id = :id")
                        .param("id", requestId)
                        .query(String.class)
                        .list())
                .containsExactly("UNSUBSCRIBED");
        assertThat(counted(latest, "COMPLETED", "UNSUBSCRIBED")).isEqualTo(1);
        assertThat(counted(latest, "COMPLETED", "DELIVERED")).isZero();
        assertThat(counted(earlier, "COMPLETED", "DELIVERED")).isEqualTo(1);
    }

    @Produces(ChannelManagerStatus.UNSUBSCRIBED)
    @Test
    void a_stop_that_arrives_before_the_delivery_report_stays_the_requests_channel_status() {
        long campaign = smsCampaign(List.of("UNSUBSCRIBED", "DELIVERED"), Map.of());
        String id = batch(campaign, "+14155561050");
        dispatcher.tick();
        assertThat(status(id)).startsWith("INITIATED/");

        assertThat(inbound(reply("+14155561050", "stop")).statusCode()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("INITIATED/UNSUBSCRIBED");
        run(Duration.ofSeconds(10));

        assertThat(status(id)).isEqualTo("COMPLETED/UNSUBSCRIBED");
        assertThat(jdbc.sql("SELECT channel_status FROM webhook_event WHERE request_id = :id")
                        .param("id", requestId(id))
                        .query(String.class)
                        .list())
                .as("one UNSUBSCRIBED event, and no DELIVERED one hiding it")
                .containsExactly("UNSUBSCRIBED");
    }

    @Test
    void an_unsigned_or_wrongly_signed_stop_answers_403_and_changes_nothing() {
        long campaign = smsCampaign(List.of("UNSUBSCRIBED"), Map.of());
        String id = batch(campaign, "+14155562000");
        run(Duration.ofSeconds(10));
        var form = reply("+14155562000", "STOP");
        var otherBody = reply("+14155562000", "HELLO");

        assertThat(inbound(form, null).statusCode()).isEqualTo(403);
        assertThat(inbound(form, "forged").statusCode()).isEqualTo(403);
        assertThat(inbound(form, TwilioStandIn.sign(PUBLIC_URL + INBOUND, otherBody))
                        .statusCode())
                .isEqualTo(403);
        assertThat(inbound(form, TwilioStandIn.sign("https://elsewhere.example" + INBOUND, form))
                        .statusCode())
                .isEqualTo(403);

        assertThat(entry(campaign, "+14155562000")).isEmpty();
        assertThat(status(id)).isEqualTo("COMPLETED/DELIVERED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE request_id = :id")
                        .param("id", requestId(id))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void stop_and_its_synonyms_are_recognised_whatever_their_case_and_surrounding_spaces() {
        long campaign = smsCampaign(List.of(), Map.of());
        var bodies = List.of(" stop ", "Stop", "STOPALL", "unsubscribe\n", "Cancel", "end", "QUIT", "revoke", "OptOut");
        for (int i = 0; i < bodies.size(); i++) {
            String from = "+1415556300" + i;
            assertThat(inbound(reply(from, bodies.get(i))).statusCode()).isEqualTo(200);
            assertThat(entry(campaign, from)).as(bodies.get(i)).isPresent();
        }

        for (String notAKeyword : List.of("stop please", "STOP!", "S T O P", "")) {
            inbound(reply("+14155563099", notAKeyword));
        }
        assertThat(entry(campaign, "+14155563099")).isEmpty();
    }

    @Test
    void a_reply_from_a_number_never_texted_applies_to_the_organization_sending_from_the_number_replied_to() {
        long campaign = smsCampaign(List.of(), Map.of());

        inbound(reply("+14155564000", "STOP"));
        var elsewhere = new LinkedHashMap<>(reply("+14155564001", "STOP"));
        elsewhere.put("To", "+14155550111");
        assertThat(inbound(elsewhere).statusCode()).isEqualTo(200);

        assertThat(entry(campaign, "+14155564000")).isPresent();
        assertThat(entry(campaign, "+14155564001")).isEmpty();
    }

    @Test
    void a_stop_applies_to_the_organizations_that_texted_the_person_and_no_other() {
        long texted = smsCampaign(List.of(), Map.of());
        Api other = api.withKey(secondOrganization("Other Clinic " + day));
        long silent = smsCampaign(other, List.of(), Map.of());
        batch(texted, "+14155569000");
        run(Duration.ofSeconds(10));

        inbound(reply("+14155569000", "STOP"));
        inbound(reply("+14155569001", "STOP"));

        assertThat(entry(texted, "+14155569000")).isPresent();
        assertThat(entry(silent, "+14155569000")).isEmpty();
        assertThat(entry(texted, "+14155569001"))
                .as("nobody texted it: both send from the number")
                .isPresent();
        assertThat(entry(silent, "+14155569001")).isPresent();
    }

    @Test
    void start_lifts_an_sms_opt_out_but_never_an_entry_added_by_the_api_or_an_upload() {
        long campaign = smsCampaign(List.of(), Map.of());
        long org = organization(campaign);
        inbound(reply("+14155565000", "STOP"));
        suppressions.add(org, "+14155565001", SuppressionKind.UNSUBSCRIBED, SuppressionSource.API, "asked", "ops");
        suppressions.add(org, "+14155565002", SuppressionKind.UNSUBSCRIBED, SuppressionSource.UPLOAD, null, "ops");

        for (String from : List.of("+14155565000", "+14155565001", "+14155565002")) {
            assertThat(inbound(reply(from, " start ")).statusCode()).isEqualTo(200);
        }
        inbound(reply("+14155565001", "UNSTOP"));
        inbound(reply("+14155565002", "yes"));

        assertThat(entry(campaign, "+14155565000")).isEmpty();
        assertThat(entry(campaign, "+14155565001").orElseThrow().source()).isEqualTo(SuppressionSource.API);
        assertThat(entry(campaign, "+14155565002").orElseThrow().source()).isEqualTo(SuppressionSource.UPLOAD);
    }

    @Test
    void help_and_info_are_answered_with_the_configured_text_as_twiml_and_change_nothing() {
        long campaign = smsCampaign(List.of(), Map.of());

        for (String body : List.of("HELP", " info ")) {
            var answer = inbound(reply("+14155566000", body));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
            assertThat(answer.body())
                    .endsWith("<Response><Message>Acme Clinic reminders &amp; alerts. Reply STOP to opt out."
                            + "</Message></Response>");
        }
        assertThat(entry(campaign, "+14155566000")).isEmpty();
    }

    @Test
    void any_other_reply_answers_an_empty_response_and_changes_nothing() {
        long campaign = smsCampaign(List.of("UNSUBSCRIBED"), Map.of());
        String id = batch(campaign, "+14155567000");
        run(Duration.ofSeconds(10));

        var answer = inbound(reply("+14155567000", "See you on Tuesday"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).endsWith("<Response/>");
        assertThat(entry(campaign, "+14155567000")).isEmpty();
        assertThat(status(id)).isEqualTo("COMPLETED/DELIVERED");
    }

    @Test
    void twilio_error_21610_skips_the_request_as_prior_unsubscribed_and_suppresses_the_number_from_the_provider() {
        TWILIO.unsubscribed("+14155568000");
        long campaign = smsCampaign(List.of("PRIOR_UNSUBSCRIBED"), Map.of("retry_count", 3, "retry_interval", "1m"));
        String id = batch(campaign, "+14155568000", "+14155568001");

        run(Duration.ofMinutes(5));

        var results = BatchResults.of(api, id);
        assertThat(status(results.get("r0"))).isEqualTo("SKIPPED/PRIOR_UNSUBSCRIBED");
        assertThat(results.get("r0").path("attempt_count").asInt()).isZero();
        assertThat(status(results.get("r1"))).isEqualTo("COMPLETED/DELIVERED");
        assertThat(TWILIO.messages("+14155568000")).isZero();
        Suppression entry = entry(campaign, "+14155568000").orElseThrow();
        assertThat(entry.source()).isEqualTo(SuppressionSource.PROVIDER);
        assertThat(entry.kind()).isEqualTo(SuppressionKind.UNSUBSCRIBED);
        assertThat(entry.reason()).contains("21610");
        long requestId = requestId(id);
        assertThat(jdbc.sql("SELECT reason FROM request WHERE id = :id")
                        .param("id", requestId)
                        .query(String.class)
                        .single())
                .isEqualTo("SUPPRESSED");
        assertThat(jdbc.sql("SELECT channel_status FROM webhook_event WHERE request_id = :id")
                        .param("id", requestId)
                        .query(String.class)
                        .list())
                .containsExactly("PRIOR_UNSUBSCRIBED");
        assertThat(counted(id, "SKIPPED", "PRIOR_UNSUBSCRIBED")).isEqualTo(1);
        assertThat(counted(id, "INITIATED", "QUEUED")).isZero();
        assertThat(counted(id, "PENDING", "PENDING")).isZero();
    }

    private long smsCampaign(List<String> webhookTriggers, Map<String, Object> settings) {
        return smsCampaign(api, webhookTriggers, settings);
    }

    private String secondOrganization(String name) {
        String email = "admin@" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ".example.com";
        var r = api.post("/api/v1/outbound/organizations", Map.of("name", name, "admin_email", email));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("admin_key").path("api_key").asString();
    }

    private long smsCampaign(Api api, List<String> webhookTriggers, Map<String, Object> settings) {
        var body = CampaignBuilder.aCampaign()
                .with("mode", "sms")
                .with("caller_id", OUR_NUMBER)
                .with("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
                .with("hourly_rate", 3600)
                .with("campaign_variables", Map.of("message", "Your appointment is tomorrow"));
        if (!webhookTriggers.isEmpty()) {
            body.withWebhook(CampaignBuilder.aWebhook().with("trigger_statuses", webhookTriggers));
        }
        settings.forEach(body::with);
        var r = api.post("/api/v1/outbound/campaigns", body.build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private String batch(long campaignId, String... targets) {
        var body = Fixtures.aBatchFor(campaignId);
        var r = api.post("/api/v1/outbound/batches", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String id = String.valueOf(body.get("batch_id"));
        var csv = new StringBuilder("reference_id,target\n");
        for (int i = 0; i < targets.length; i++) {
            csv.append("r").append(i).append(',').append(targets[i]).append('\n');
        }
        var upload = api.upload("/api/v1/outbound/batches/" + id + "/upload_batch", "list.csv", csv.toString());
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        return id;
    }

    /** Ticks every second of clock time; the stand-in sends what is due between ticks. */
    private void run(Duration total) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
            TWILIO.deliverDue();
        }
        dispatcher.tick();
    }

    /** What Twilio posts when {@code from} texts {@code body} to our number. */
    private static Map<String, String> reply(String from, String body) {
        var form = new LinkedHashMap<String, String>();
        form.put("AccountSid", TwilioStandIn.ACCOUNT);
        form.put("MessageSid", "SM" + Long.toHexString(System.nanoTime()));
        form.put("From", from);
        form.put("To", OUR_NUMBER);
        form.put("Body", body);
        form.put("NumMedia", "0");
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    private HttpResponse<String> inbound(Map<String, String> form) {
        return inbound(form, TwilioStandIn.sign(PUBLIC_URL + INBOUND, form));
    }

    private HttpResponse<String> inbound(Map<String, String> form, @Nullable String signature) {
        var encoded = new StringJoiner("&");
        form.forEach((k, v) -> encoded.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + INBOUND))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded.toString()));
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        try (var http = HttpClient.newHttpClient()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long organization(long campaignId) {
        return jdbc.sql("SELECT organization_id FROM campaign WHERE id = :id")
                .param("id", campaignId)
                .query(Long.class)
                .single();
    }

    private Optional<Suppression> entry(long campaignId, String target) {
        return suppressions.find(organization(campaignId), target);
    }

    /** r0's request of the batch. */
    private long requestId(String batchId) {
        return jdbc.sql("SELECT r.id FROM request r, batch b WHERE r.batch_pk = b.pk AND b.batch_id = :batch "
                        + "AND r.reference_id = 'r0'")
                .param("batch", batchId)
                .query(Long.class)
                .single();
    }

    private long counted(String batchId, String status, String channelStatus) {
        return jdbc.sql("SELECT COALESCE(SUM(c.n), 0) FROM status_count c, batch b WHERE c.batch_pk = b.pk "
                        + "AND b.batch_id = :batch AND c.request_status = :status AND c.channel_status = :channel")
                .param("batch", batchId)
                .param("status", status)
                .param("channel", channelStatus)
                .query(Long.class)
                .single();
    }

    private String status(String batchId) {
        return status(BatchResults.of(api, batchId).get("r0"));
    }

    private static String status(JsonNode r) {
        return r.path("request_status").asString() + "/"
                + r.path("channel_manager_status").asString();
    }
}
