package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.ChannelEvent;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.request.ClaimGate;
import dev.outbound.request.Claims;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.Produces;
import dev.outbound.testing.StoreTest;
import dev.outbound.testing.TwilioStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Campaigns run end to end through the Twilio stand-in: calls, messages, callbacks, reconciliation. */
@StoreTest
@Import(DispatchTestConfig.class)
class TwilioDispatchTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";
    private static final String PUBLIC_URL = "https://outbound.example";
    private static volatile Clock standInClock = Clock.systemUTC();
    private static final TwilioStandIn TWILIO = new TwilioStandIn(() -> standInClock.instant());

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry r) {
        TWILIO.register(r, PUBLIC_URL);
        r.add("outbound.agent-hosts", () -> "agent.example");
        r.add("outbound.twilio.cps", () -> "1");
        r.add("outbound.reconcile.after", () -> "2m");
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    Claims lifecycle;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutcomeRecorder recorder;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(DispatchTestConfig.START.plus(Duration.ofDays(counter++)));
        standInClock = clock;
        TWILIO.forward(PUBLIC_URL, "http://127.0.0.1:" + port);
        TWILIO.dropCallbacks(false);
    }

    private static int counter;

    @AfterEach
    void settle() {
        TWILIO.dropCallbacks(false);
    }

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    private long campaign(Map<String, Object> settings) {
        var body = Fixtures.aMinimalCampaign();
        body.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        body.put("hourly_rate", 3600);
        body.put("caller_id", "+14155550199");
        body.putAll(settings);
        var r = api.post("/api/v1/outbound/campaigns", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private String batch(long campaignId, String... targets) {
        var body = Fixtures.aBatchFor(campaignId);
        var r = api.post("/api/v1/outbound/batches", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String id = String.valueOf(body.get("batch_id"));
        var csv = new StringBuilder("reference_id,target,name\n");
        for (int i = 0; i < targets.length; i++) {
            csv.append("r").append(i).append(',').append(targets[i]).append(",Ada\n");
        }
        var upload = api.upload(BATCHES + id + "/upload_batch", "list.csv", csv.toString());
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

    private static String status(JsonNode r) {
        return r.path("request_status").asString() + "/"
                + r.path("channel_manager_status").asString();
    }

    @Produces({ChannelManagerStatus.COMPLETED, ChannelManagerStatus.BUSY, ChannelManagerStatus.MACHINE})
    @Test
    void a_voice_campaign_with_voicemail_detection_runs_end_to_end_through_twilio() {
        long campaign = campaign(Map.of(
                "voicemail_detection",
                Map.of("mode", "v1", "voicemail_detection_overall_timeout", 20.0),
                "agent_url",
                "https://agent.example/twiml",
                "campaign_variables",
                Map.of("clinic", "North")));
        String id = batch(campaign, "+14155551000", "+14155551007", "+14155551009");

        run(Duration.ofMinutes(1));

        var results = BatchResults.of(api, id);
        assertThat(status(results.get("r0"))).isEqualTo("COMPLETED/COMPLETED");
        assertThat(results.get("r0").path("channel_manager_sid").asString()).startsWith("CA");
        assertThat(status(results.get("r1"))).isEqualTo("FAILED/BUSY");
        assertThat(status(results.get("r2"))).isEqualTo("FAILED/MACHINE");
        assertThat(TWILIO.calls("+14155551000")).isEqualTo(1);
        assertThat(TWILIO.calls("+14155551007")).isEqualTo(1);
        assertThat(TWILIO.calls("+14155551009")).isEqualTo(1);
        var form = TWILIO.created().stream()
                .filter(c -> c.form().getOrDefault("To", "").equals("+14155551000"))
                .findFirst()
                .orElseThrow()
                .form();
        assertThat(form)
                .containsEntry("From", "+14155550199")
                .containsEntry("MachineDetection", "DetectMessageEnd")
                .containsEntry("MachineDetectionTimeout", "20")
                .containsEntry("Url", "https://agent.example/twiml?clinic=North&name=Ada");
    }

    @Test
    void calls_are_created_no_faster_than_the_accounts_calls_per_second() {
        long campaign = campaign(Map.of());
        batch(campaign, "+14155552000", "+14155552001", "+14155552002", "+14155552003");
        Instant start = clock.instant();

        for (int i = 0; i < 40; i++) {
            dispatcher.tick();
            clock.advance(Duration.ofMillis(100));
        }

        var times = TWILIO.created().stream()
                .filter(c -> c.form().getOrDefault("To", "").startsWith("+1415555200"))
                .map(TwilioStandIn.Created::at)
                .sorted()
                .toList();
        assertThat(times).hasSize(4);
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(times.getFirst()).isAfterOrEqualTo(start);
    }

    @Produces({ChannelManagerStatus.DELIVERED, ChannelManagerStatus.UNDELIVERED, ChannelManagerStatus.FAILED})
    @Test
    void an_sms_campaign_runs_end_to_end_through_twilio() {
        long campaign = campaign(
                Map.of("mode", "sms", "campaign_variables", Map.of("message", "Your appointment is tomorrow")));
        String id = batch(campaign, "+14155553000", "+14155553007", "+14155553009");

        run(Duration.ofSeconds(30));

        var results = BatchResults.of(api, id);
        assertThat(status(results.get("r0"))).isEqualTo("COMPLETED/DELIVERED");
        assertThat(results.get("r0").path("channel_manager_sid").asString()).startsWith("SM");
        assertThat(status(results.get("r1"))).isEqualTo("FAILED/UNDELIVERED");
        assertThat(status(results.get("r2"))).isEqualTo("FAILED/FAILED");
        assertThat(TWILIO.messages("+14155553000")).isEqualTo(1);
    }

    @Produces(ChannelManagerStatus.INVALID)
    @Test
    void a_number_twilio_refuses_fails_at_once_with_twilios_message() {
        TWILIO.refuse("+14155557000");
        String id = batch(campaign(Map.of("retry_count", 3, "retry_interval", "1m")), "+14155557000");

        run(Duration.ofMinutes(5));

        assertThat(status(BatchResults.of(api, id).get("r0"))).isEqualTo("FAILED/INVALID");
        var attempts = api.get(BATCHES + id + "/requests/r0/attempts").json();
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).path("detail").asString()).contains("21211").contains("is not a valid phone number");
        assertThat(TWILIO.calls("+14155557000")).isZero();
    }

    @Produces({ChannelManagerStatus.IN_PROGRESS, ChannelManagerStatus.HUMAN, ChannelManagerStatus.COMPLETED})
    @Test
    void callbacks_that_arrive_late_or_twice_at_any_node_never_move_a_request_back() {
        TWILIO.dropCallbacks(true);
        String id = batch(campaign(Map.of()), "+14155558000");
        dispatcher.tick();
        long requestId = jdbc.sql("SELECT id FROM request WHERE target = '+14155558000'")
                .query(Long.class)
                .single();
        // Another node's channel knows nothing of this call, so only the recorder stands guard.
        var ringing = event(requestId, ChannelManagerStatus.IN_PROGRESS, false);
        var queued = event(requestId, ChannelManagerStatus.QUEUED, false);
        var human = event(requestId, ChannelManagerStatus.HUMAN, false);
        var completed = event(requestId, ChannelManagerStatus.COMPLETED, true);

        recorder.on(ringing);
        recorder.on(queued);
        recorder.drain();
        assertThat(status(BatchResults.of(api, id).get("r0"))).isEqualTo("INITIATED/IN-PROGRESS");

        recorder.on(human);
        recorder.on(ringing);
        recorder.drain();
        assertThat(status(BatchResults.of(api, id).get("r0"))).isEqualTo("CONNECTED/HUMAN");

        recorder.on(completed);
        recorder.on(human);
        recorder.on(completed);
        recorder.drain();
        assertThat(status(BatchResults.of(api, id).get("r0"))).isEqualTo("COMPLETED/COMPLETED");
        assertThat(api.get(BATCHES + id + "/requests/r0/attempts").json()).hasSize(1);
    }

    private ChannelEvent event(long requestId, ChannelManagerStatus status, boolean ended) {
        return new ChannelEvent(requestId, 1, "CA-late", status, ended, clock.instant(), null);
    }

    @Test
    void a_forged_callback_is_refused_with_403_and_a_signed_one_accepted() throws Exception {
        String query = "?r=1&a=1&k=1-1";
        String form = "CallSid=CA1&CallStatus=completed";
        String good = TwilioStandIn.sign(
                PUBLIC_URL + "/twilio/voice/status" + query, Map.of("CallSid", "CA1", "CallStatus", "completed"));

        assertThat(callback(query, form, "forged")).isEqualTo(403);
        assertThat(callback(query, form, null)).isEqualTo(403);
        assertThat(callback(query, form.replace("completed", "busy"), good)).isEqualTo(403);
        assertThat(callback(query, form, good)).isEqualTo(204);
    }

    private int callback(String query, String form, @org.jspecify.annotations.Nullable String signature)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/twilio/voice/status" + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        try (var http = HttpClient.newHttpClient()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void a_call_whose_callbacks_never_come_is_settled_by_asking_twilio() {
        TWILIO.dropCallbacks(true);
        String id = batch(campaign(Map.of()), "+14155554000");

        run(Duration.ofMinutes(4));

        assertThat(status(BatchResults.of(api, id).get("r0"))).isEqualTo("COMPLETED/COMPLETED");
        assertThat(TWILIO.calls("+14155554000")).isEqualTo(1);
    }

    @Test
    void a_claim_whose_node_died_before_calling_is_dialled_once_after_reconciliation() {
        String id = batch(campaign(Map.of()), "+14155555000");
        long batchPk = jdbc.sql("SELECT pk FROM batch WHERE batch_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        // A node claims the request and dies before calling Twilio.
        assertThat(lifecycle.claim(batchPk, 1, "dead-node", clock.instant().plusSeconds(60), null, ClaimGate.OPEN))
                .hasSize(1);

        run(Duration.ofMinutes(4));

        var r0 = BatchResults.of(api, id).get("r0");
        assertThat(status(r0)).isEqualTo("COMPLETED/COMPLETED");
        assertThat(r0.path("attempt_count").asInt()).isEqualTo(1);
        assertThat(TWILIO.calls("+14155555000")).isEqualTo(1);
    }

    @Test
    void a_claim_whose_node_died_after_calling_is_not_dialled_again() {
        TWILIO.dropCallbacks(true);
        String id = batch(campaign(Map.of()), "+14155556000");
        dispatcher.tick();
        assertThat(TWILIO.calls("+14155556000")).isEqualTo(1);
        // The node that placed the call dies before the sid is written: its lease runs out.
        jdbc.sql("UPDATE request SET lease_owner = 'dead-node', channel_manager_sid = NULL WHERE target = :t")
                .param("t", "+14155556000")
                .update();
        jdbc.sql("UPDATE request_attempt SET channel_sid = NULL WHERE request_id IN "
                        + "(SELECT id FROM request WHERE target = :t)")
                .param("t", "+14155556000")
                .update();

        run(Duration.ofMinutes(5));

        var r0 = BatchResults.of(api, id).get("r0");
        assertThat(status(r0)).isEqualTo("COMPLETED/COMPLETED");
        assertThat(r0.path("channel_manager_sid").asString()).startsWith("CA");
        assertThat(TWILIO.calls("+14155556000")).isEqualTo(1);
    }
}
