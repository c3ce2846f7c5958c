package dev.outbound.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.dispatch.Dispatcher;
import dev.outbound.testing.Api;
import dev.outbound.testing.CampaignBuilder;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import dev.outbound.testing.TwilioStandIn;
import dev.outbound.webhook.DeliveryWorker;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Two-way SMS end to end: a text goes out through the Twilio stand-in, the person answers through
 * Twilio's signed incoming-message webhook, and the answer reaches the agent's SMS URL (a local
 * receiver) through the webhook outbox, signed with {@code OUTBOUND_WEBHOOKS_AGENT_SECRET}.
 */
@StoreTest
@Import(SmsReplyTest.Config.class)
class SmsReplyTest {
    private static final String PUBLIC_URL = "https://outbound.example";
    private static final String INBOUND = "/twilio/sms/inbound";
    private static final String OUR_NUMBER = "+14155550199";
    private static final String AGENT_SECRET =
            Base64.getEncoder().encodeToString("agent-secret-of-32-bytes-long!!!".getBytes(StandardCharsets.UTF_8));
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static volatile Clock standInClock = Clock.systemUTC();
    private static final TwilioStandIn TWILIO = new TwilioStandIn(() -> standInClock.instant());
    private static final AgentReceiver AGENT = new AgentReceiver();
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
        r.add("outbound.webhooks.enabled", () -> "false");
        r.add("outbound.webhooks.allow-private", () -> "true");
        r.add("outbound.webhooks.agent-secret", () -> AGENT_SECRET);
        r.add("outbound.sms.session-ttl", () -> "45m");
        r.add("outbound.agent-hosts", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @Autowired
    JsonMapper mapper;

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
        AGENT.close();
    }

    @Test
    void a_reply_within_the_session_ttl_reaches_the_agent_signed_with_the_request_and_its_variables() {
        long campaign = smsCampaign(30, "/inside");
        String batch = batch(campaign, "+14155571000", "Ada");
        run(Duration.ofSeconds(10));
        clock.advance(Duration.ofMinutes(20));
        double before = counted("forwarded");

        assertThat(inbound(reply("+14155571000", "Can we make it 3pm?")).body()).endsWith("<Response/>");
        worker.runOnce();

        var calls = calls("/inside");
        assertThat(calls).hasSize(1);
        var call = calls.getFirst();
        assertThat(call.header("webhook-signature"))
                .isEqualTo(sign(call.header("webhook-id"), call.header("webhook-timestamp"), call.body()));
        JsonNode body = mapper.readTree(call.body());
        assertThat(body.path("event_type").asString()).isEqualTo("sms.reply");
        assertThat(body.path("event_id").asString()).isEqualTo(call.header("webhook-id"));
        assertThat(body.path("reference_id").asString()).isEqualTo("r0");
        assertThat(body.path("batch_id").asString()).isEqualTo(batch);
        assertThat(body.path("campaign_id").asLong()).isEqualTo(campaign);
        assertThat(body.path("request_id").asLong()).isEqualTo(requestId(batch));
        assertThat(body.path("from").asString()).isEqualTo("+14155571000");
        assertThat(body.path("to").asString()).isEqualTo(OUR_NUMBER);
        assertThat(body.path("body").asString()).isEqualTo("Can we make it 3pm?");
        assertThat(body.path("received_at").asString())
                .isEqualTo(clock.instant().toString());
        assertThat(body.path("request_variables").path("first_name").asString()).isEqualTo("Ada");
        assertThat(counted("forwarded")).isEqualTo(before + 1);
    }

    @Test
    void a_forward_the_agent_refuses_is_retried_after_the_backoff_with_the_same_event_id() {
        long campaign = smsCampaign(30, "/flaky");
        batch(campaign, "+14155577000", "Flo");
        run(Duration.ofSeconds(10));
        AGENT.answer(503);

        inbound(reply("+14155577000", "Are you there?"));
        worker.runOnce();
        assertThat(calls("/flaky")).hasSize(1);
        assertThat(worker.runOnce()).as("not due before the backoff").isZero();
        clock.advance(Duration.ofSeconds(11));
        worker.runOnce();

        var calls = calls("/flaky");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).header("webhook-id")).isEqualTo(calls.get(0).header("webhook-id"));
        assertThat(calls.get(1).body()).isEqualTo(calls.get(0).body());
        assertThat(calls.get(1).header("webhook-signature"))
                .isEqualTo(sign(
                        calls.get(1).header("webhook-id"),
                        calls.get(1).header("webhook-timestamp"),
                        calls.get(1).body()));
        assertThat(jdbc.sql("SELECT status FROM webhook_event WHERE campaign_id = :c AND target_url IS NOT NULL")
                        .param("c", campaign)
                        .query(String.class)
                        .list())
                .containsExactly("DELIVERED");
    }

    @Test
    void a_reply_after_the_session_ttl_is_not_forwarded_and_is_counted_as_expired() {
        long campaign = smsCampaign(30, "/late");
        batch(campaign, "+14155572000", "Bob");
        run(Duration.ofSeconds(10));
        clock.advance(Duration.ofMinutes(31));
        double before = counted("expired");

        assertThat(inbound(reply("+14155572000", "Sorry, only saw this now")).statusCode())
                .isEqualTo(200);
        worker.runOnce();

        assertThat(calls("/late")).isEmpty();
        assertThat(counted("expired")).isEqualTo(before + 1);
    }

    @Test
    void a_campaign_without_a_session_ttl_keeps_the_session_for_the_configured_default() {
        long campaign = smsCampaign(null, "/default");
        batch(campaign, "+14155573000", "Cy");
        run(Duration.ofSeconds(10));

        clock.advance(Duration.ofMinutes(40));
        inbound(reply("+14155573000", "inside 45 minutes"));
        clock.advance(Duration.ofMinutes(10));
        inbound(reply("+14155573000", "past 45 minutes"));
        worker.runOnce();

        assertThat(calls("/default"))
                .extracting(c -> mapper.readTree(c.body()).path("body").asString())
                .containsExactly("inside 45 minutes");
    }

    @Test
    void a_stop_still_opts_out_and_is_not_forwarded() {
        long campaign = smsCampaign(30, "/stop");
        batch(campaign, "+14155574000", "Di");
        run(Duration.ofSeconds(10));
        double forwarded = counted("forwarded");

        inbound(reply("+14155574000", "STOP"));
        worker.runOnce();

        assertThat(calls("/stop")).isEmpty();
        assertThat(counted("forwarded")).isEqualTo(forwarded);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM suppression WHERE target_key = '+14155574000'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void a_reply_from_a_number_never_texted_has_no_session_and_is_not_forwarded() {
        smsCampaign(30, "/nobody");
        double before = counted("no_session");

        inbound(reply("+14155575000", "Who is this?"));
        worker.runOnce();

        assertThat(calls("/nobody")).isEmpty();
        assertThat(counted("no_session")).isEqualTo(before + 1);
    }

    @Test
    void a_reply_to_a_campaign_without_an_agent_sms_url_is_not_forwarded_and_is_counted() {
        long campaign = smsCampaign(30, null);
        batch(campaign, "+14155576000", "Ed");
        run(Duration.ofSeconds(10));
        double before = counted("no_agent");

        inbound(reply("+14155576000", "Hello?"));
        worker.runOnce();

        assertThat(counted("no_agent")).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE target_url IS NOT NULL AND campaign_id = :c")
                        .param("c", campaign)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void a_reply_whose_agent_host_was_taken_off_the_list_since_is_not_forwarded_and_is_counted() {
        long campaign = smsCampaign(30, "/moved");
        batch(campaign, "+14155577000", "Flo");
        run(Duration.ofSeconds(10));
        jdbc.sql("UPDATE agent SET sms_url = 'https://elsewhere.example/sms' WHERE name = 'agent/moved'")
                .update();
        double before = counted("host_not_allowed");

        inbound(reply("+14155577000", "Hello?"));

        assertThat(counted("host_not_allowed")).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE target_url IS NOT NULL AND campaign_id = :c")
                        .param("c", campaign)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** An SMS campaign whose agent, made through the agents API, takes replies at {@code smsPath}. */
    private long smsCampaign(@Nullable Integer ttlMinutes, @Nullable String smsPath) {
        var body = CampaignBuilder.aCampaign()
                .with("mode", "sms")
                .with("caller_id", OUR_NUMBER)
                .with("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
                .with("hourly_rate", 3600)
                .with("campaign_variables", Map.of("message", "Your appointment is tomorrow"));
        if (ttlMinutes != null) {
            body.with("sms_session_ttl", ttlMinutes);
        }
        if (smsPath != null) {
            var agent = api.post(
                    "/api/v1/outbound/agents", Map.of("name", "agent" + smsPath, "sms_url", AGENT.url(smsPath)));
            assertThat(agent.status()).as(agent.body()).isEqualTo(200);
            body.with("agent_id", agent.json().path("id").asLong());
        }
        var r = api.post("/api/v1/outbound/campaigns", body.build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private String batch(long campaignId, String target, String firstName) {
        var body = Fixtures.aBatchFor(campaignId);
        var r = api.post("/api/v1/outbound/batches", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String id = String.valueOf(body.get("batch_id"));
        String csv = "reference_id,target,first_name\nr0," + target + "," + firstName + "\n";
        var upload = api.upload("/api/v1/outbound/batches/" + id + "/upload_batch", "list.csv", csv);
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

    private static List<AgentReceiver.Call> calls(String path) {
        return AGENT.calls().stream().filter(c -> c.path().equals(path)).toList();
    }

    private double counted(String result) {
        var counter =
                registry.find("outbound.sms.replies").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String sign(String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(AGENT_SECRET), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private long requestId(String batchId) {
        return jdbc.sql("SELECT r.id FROM request r, batch b WHERE r.batch_pk = b.pk AND b.batch_id = :batch "
                        + "AND r.reference_id = 'r0'")
                .param("batch", batchId)
                .query(Long.class)
                .single();
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
        var encoded = new StringJoiner("&");
        form.forEach((k, v) -> encoded.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + INBOUND))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioStandIn.sign(PUBLIC_URL + INBOUND, form))
                .POST(HttpRequest.BodyPublishers.ofString(encoded.toString()));
        try (var http = HttpClient.newHttpClient()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
