package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.Produces;
import dev.outbound.testing.StoreTest;
import dev.outbound.testing.TwilioStandIn;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Outcomes a carrier or the provider leaves open, or closes for good: final carrier rejections,
 * messages never reported on, attempts nobody can say anything about.
 */
@StoreTest
@Import(DispatchTestConfig.class)
class TwilioOutcomesTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";
    private static final String PUBLIC_URL = "https://outbound.example";
    private static volatile Clock standInClock = Clock.systemUTC();
    private static final TwilioStandIn TWILIO = new TwilioStandIn(() -> standInClock.instant());
    private static int day;

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry r) {
        TWILIO.register(r, PUBLIC_URL);
        r.add("outbound.reconcile.after", () -> "2m");
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry metrics;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(DispatchTestConfig.START.plus(Duration.ofDays(10L * day++)));
        standInClock = clock;
        TWILIO.forward(PUBLIC_URL, "http://127.0.0.1:" + port);
    }

    @AfterEach
    void settle() {
        TWILIO.dropCallbacks(false);
        TWILIO.down(false);
    }

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @Test
    @Produces(ChannelManagerStatus.DELIVERY_FAILED)
    void a_message_the_carrier_rejects_for_good_fails_delivery_failed_and_is_never_sent_again() {
        TWILIO.endMessages("+14155561000", "undelivered", "30006");
        String id = batch(smsCampaign(Map.of("retry_count", 3, "retry_interval", "1m")), "+14155561000");

        run(Duration.ofMinutes(6));

        assertThat(status(id)).isEqualTo("FAILED/DELIVERY_FAILED");
        assertThat(TWILIO.messages("+14155561000")).isEqualTo(1);
        assertThat(attempts(id).get(0).path("detail").asString()).contains("30006");
    }

    @Test
    void a_message_undelivered_for_a_passing_reason_is_retried_by_the_campaigns_rule() {
        TWILIO.endMessages("+14155562000", "undelivered", "30003");
        String id = batch(smsCampaign(Map.of("retry_count", 1, "retry_interval", "1m")), "+14155562000");

        run(Duration.ofMinutes(6));

        assertThat(status(id)).isEqualTo("FAILED/UNDELIVERED");
        assertThat(TWILIO.messages("+14155562000")).isEqualTo(2);
    }

    @Test
    @Produces(ChannelManagerStatus.DELIVERY_UNKNOWN)
    void a_message_the_carrier_never_reports_on_ends_delivery_unknown_after_the_wait_and_is_not_sent_again() {
        TWILIO.neverReport("+14155563000");
        String id = batch(smsCampaign(Map.of("retry_count", 3, "retry_interval", "1m")), "+14155563000");

        run(Duration.ofMinutes(5));
        assertThat(status(id)).isEqualTo("INITIATED/SENT");

        clock.advance(Duration.ofHours(71));
        run(Duration.ofMinutes(5));
        assertThat(status(id)).as("still inside the 72 hours").isEqualTo("INITIATED/SENT");

        clock.advance(Duration.ofHours(1));
        run(Duration.ofMinutes(5));
        assertThat(status(id)).isEqualTo("COMPLETED/DELIVERY_UNKNOWN");
        assertThat(TWILIO.messages("+14155563000")).isEqualTo(1);
        assertThat(attempts(id).get(0).path("detail").asString()).contains("no delivery report");
    }

    @Test
    @Produces(ChannelManagerStatus.NO_OUTCOME)
    void a_call_nobody_can_say_anything_about_ends_no_outcome_after_the_horizon() {
        TWILIO.dropCallbacks(true);
        String id = batch(campaign(Map.of()), "+14155564000");
        dispatcher.tick();
        assertThat(TWILIO.calls("+14155564000")).isEqualTo(1);
        TWILIO.down(true);
        double unansweredBefore = count("outbound.reconcile.asks", "answer", "unanswered");
        double noOutcomeBefore = count("outbound.reconcile.no_outcome");

        run(Duration.ofMinutes(5));
        assertThat(status(id))
                .as("asked and unanswered, but inside the horizon")
                .startsWith("INITIATED/");
        assertThat(count("outbound.reconcile.asks", "answer", "unanswered"))
                .as("the unanswered asks the reconciliation alert watches")
                .isGreaterThan(unansweredBefore);

        clock.advance(Duration.ofHours(24));
        run(Duration.ofMinutes(3));

        assertThat(status(id)).isEqualTo("FAILED/NO_OUTCOME");
        assertThat(count("outbound.reconcile.no_outcome")).isGreaterThan(noOutcomeBefore);
        assertThat(attempts(id).get(0).path("detail").asString()).contains("no outcome from the provider");
        assertThat(TWILIO.calls("+14155564000")).isEqualTo(1);
    }

    @Test
    @Produces({ChannelManagerStatus.ACCEPTED, ChannelManagerStatus.SENDING, ChannelManagerStatus.SENT})
    void each_step_twilio_reports_for_a_message_is_its_channel_status_in_turn() throws Exception {
        TWILIO.dropCallbacks(true);
        String id = batch(smsCampaign(Map.of()), "+14155565000");
        dispatcher.tick();
        var created = created("+14155565000");

        for (String step : List.of("accepted", "sending", "sent")) {
            assertThat(callback(created, Map.of("MessageSid", created.sid(), "MessageStatus", step)))
                    .isEqualTo(204);
            dispatcher.tick();
            assertThat(status(id)).isEqualTo("INITIATED/" + step.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Test
    @Produces(ChannelManagerStatus.UNKNOWN)
    void a_call_that_ends_before_detection_tells_machine_from_person_is_unknown() throws Exception {
        TWILIO.dropCallbacks(true);
        String id = batch(campaign(Map.of("voicemail_detection", Map.of("mode", "v1"))), "+14155566000");
        dispatcher.tick();
        var created = created("+14155566000");

        int answer =
                callback(created, Map.of("CallSid", created.sid(), "CallStatus", "completed", "AnsweredBy", "unknown"));
        dispatcher.tick();

        assertThat(answer).isEqualTo(204);
        assertThat(status(id)).isEqualTo("FAILED/UNKNOWN");
    }

    private TwilioStandIn.Created created(String to) {
        return TWILIO.created().stream()
                .filter(c -> to.equals(c.form().get("To")))
                .findFirst()
                .orElseThrow();
    }

    /** Posts a status callback as Twilio would: to the attempt's StatusCallback, signed. */
    private int callback(TwilioStandIn.Created created, Map<String, String> params) throws Exception {
        String url = java.util.Objects.requireNonNull(created.form().get("StatusCallback"));
        var form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url.replace(PUBLIC_URL, "http://127.0.0.1:" + port)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioStandIn.sign(url, params))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }

    private long smsCampaign(Map<String, Object> settings) {
        var all = new HashMap<String, Object>(settings);
        all.put("mode", "sms");
        all.put("campaign_variables", Map.of("message", "Your appointment is tomorrow"));
        return campaign(all);
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

    private String batch(long campaignId, String target) {
        var body = Fixtures.aBatchFor(campaignId);
        var r = api.post("/api/v1/outbound/batches", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String id = String.valueOf(body.get("batch_id"));
        var upload = api.upload(BATCHES + id + "/upload_batch", "list.csv", "reference_id,target\nr0," + target + "\n");
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        return id;
    }

    /** Ticks every second of clock time; the stand-in sends what is due between ticks. */
    private double count(String name, String... tags) {
        return metrics.get(name).tags(tags).counter().count();
    }

    private void run(Duration total) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
            TWILIO.deliverDue();
        }
        dispatcher.tick();
    }

    private String status(String batchId) {
        JsonNode r = BatchResults.of(api, batchId).get("r0");
        return r.path("request_status").asString() + "/"
                + r.path("channel_manager_status").asString();
    }

    private JsonNode attempts(String batchId) {
        return api.get(BATCHES + batchId + "/requests/r0/attempts").json();
    }
}
