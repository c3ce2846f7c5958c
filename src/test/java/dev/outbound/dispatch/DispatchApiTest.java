package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.Produces;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The dispatcher driven tick by tick with a settable clock, through the public API. */
@StoreTest
@Import(DispatchTestConfig.class)
@TestPropertySource(properties = "outbound.management.metrics-token=" + DispatchApiTest.METRICS_TOKEN)
class DispatchApiTest {
    static final String METRICS_TOKEN = "dispatch-metrics-token";
    private static final String BATCHES = "/api/v1/outbound/batches/";

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    DispatchMetrics metrics;

    Api api;

    private double fallbacksBefore;

    /** Every chunk of events went through whole: the one-by-one fallback is for faults only. */
    @org.junit.jupiter.api.AfterEach
    void eventsWereRecordedInChunks() {
        // The metric belongs to the application context, which other test classes share.
        assertThat(metrics.fallbacks() - fallbacksBefore).isZero();
    }

    @BeforeEach
    void setUp() {
        fallbacksBefore = metrics.fallbacks();
        api = Api.at(port);
        clock.set(DispatchTestConfig.START);
    }

    private long campaign(Map<String, Object> settings) {
        var body = Fixtures.aMinimalCampaign();
        body.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        body.put("hourly_rate", 3600);
        body.putAll(settings);
        var r = api.post("/api/v1/outbound/campaigns", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private String batch(long campaignId, String csv, Map<String, Object> settings) {
        var body = Fixtures.aBatchFor(campaignId);
        body.putAll(settings);
        var r = api.post("/api/v1/outbound/batches", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String id = String.valueOf(body.get("batch_id"));
        var upload = api.upload(BATCHES + id + "/upload_batch", "list.csv", csv);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        return id;
    }

    /** Runs ticks every {@code step} for {@code total} of clock time. */
    private int run(Duration total, Duration step) {
        int started = 0;
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            started += dispatcher.tick();
            clock.advance(step);
        }
        started += dispatcher.tick();
        return started;
    }

    /** Attempts made in one batch (other tests' batches share the database and the dispatcher). */
    private int attempted(String batchId) {
        int sum = 0;
        for (JsonNode r : api.get(BATCHES + batchId + "/results").json()) {
            sum += r.path("attempt_count").asInt();
        }
        return sum;
    }

    private static String list(String... targets) {
        var sb = new StringBuilder("reference_id,target\n");
        for (int i = 0; i < targets.length; i++) {
            sb.append("r").append(i).append(',').append(targets[i]).append('\n');
        }
        return sb.toString();
    }

    @Produces(ChannelManagerStatus.NO_ANSWER)
    @Test
    void a_batch_runs_end_to_end_and_each_outcome_follows_the_simulators_last_digit() {
        String id = batch(
                campaign(Map.of()), list("+15125550100", "+15125550107", "+15125550108", "+15125550109"), Map.of());
        run(Duration.ofMinutes(2), Duration.ofSeconds(1));

        var results = BatchResults.of(api, id);
        assertThat(results.get("r0").path("request_status").asString()).isEqualTo("COMPLETED");
        assertThat(results.get("r0").path("channel_manager_status").asString()).isEqualTo("COMPLETED");
        assertThat(results.get("r0").path("channel_manager_sid").asString()).startsWith("SIM");
        assertThat(results.get("r0").path("sent_at").isString()).isTrue();
        assertThat(results.get("r1").path("request_status").asString()).isEqualTo("FAILED");
        assertThat(results.get("r1").path("channel_manager_status").asString()).isEqualTo("BUSY");
        assertThat(results.get("r2").path("channel_manager_status").asString()).isEqualTo("NO-ANSWER");
        assertThat(results.get("r3").path("channel_manager_status").asString()).isEqualTo("MACHINE");
        results.values()
                .forEach(r -> assertThat(r.path("attempt_count").asInt()).isEqualTo(1));

        var batch = api.get(BATCHES + id).json();
        assertThat(batch.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(batch.path("status_counts").path("COMPLETED").asInt()).isEqualTo(1);
        assertThat(batch.path("status_counts").path("FAILED").asInt()).isEqualTo(3);
        assertThat(batch.path("detailed_status_counts")
                        .path("FAILED")
                        .path("counts")
                        .path("BUSY")
                        .asInt())
                .isEqualTo(1);
        assertThat(batch.path("status_counts").has("PENDING")).isFalse();
        assertThat(batch.path("status_counts").has("INITIATED")).isFalse();

        var attempts = api.get(BATCHES + id + "/requests/r0/attempts").json();
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).path("outcome").asString()).isEqualTo("completed");
        assertThat(attempts.get(0).path("ended_at").isString()).isTrue();
    }

    @Test
    void attempts_are_spaced_at_the_batch_rate() {
        String csv = Fixtures.aCallList(100);
        String id = batch(campaign(Map.of("hourly_rate", 3600)), csv, Map.of("call_rate", 60));
        run(Duration.ofMinutes(10), Duration.ofSeconds(1));
        assertThat(attempted(id)).isBetween(10, 11);
        assertThat(api.get(BATCHES + id)
                        .json()
                        .path("status_counts")
                        .path("PENDING")
                        .asInt())
                .isBetween(89, 90);
    }

    @Test
    void a_request_not_reached_is_retried_after_the_interval_then_fails() {
        String id = batch(campaign(Map.of("retry_count", 2, "retry_interval", "1m")), list("+15125550107"), Map.of());
        run(Duration.ofSeconds(30), Duration.ofSeconds(1));
        var first = BatchResults.of(api, id).get("r0");
        assertThat(first.path("request_status").asString()).isEqualTo("PENDING");
        assertThat(first.path("channel_manager_status").asString()).isEqualTo("BUSY");

        run(Duration.ofMinutes(5), Duration.ofSeconds(1));
        var last = BatchResults.of(api, id).get("r0");
        assertThat(last.path("request_status").asString()).isEqualTo("FAILED");
        assertThat(last.path("attempt_count").asInt()).isEqualTo(3);
        var attempts = api.get(BATCHES + id + "/requests/r0/attempts").json();
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).path("outcome").asString()).isEqualTo("retry");
        assertThat(attempts.get(2).path("outcome").asString()).isEqualTo("failed");
        Instant firstEnd = Instant.parse(attempts.get(0).path("ended_at").asString());
        Instant secondStart = Instant.parse(attempts.get(1).path("started_at").asString());
        assertThat(Duration.between(firstEnd, secondStart)).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void nothing_is_dialled_outside_the_campaigns_hours_in_its_time_zone() {
        // 12:00 UTC is 07:00 in New York: closed until 09:00 local (14:00 UTC).
        long c = campaign(
                Map.of("timezone", "America/New_York", "daily_start_time", "09:00", "daily_end_time", "17:00"));
        String id = batch(c, list("+15125550100"), Map.of());
        run(Duration.ofMinutes(119), Duration.ofMinutes(1));
        assertThat(attempted(id)).isZero();
        assertThat(api.get(BATCHES + id).json().path("status").asString()).isEqualTo("PENDING");
        clock.set(Instant.parse("2026-11-30T14:00:00Z"));
        dispatcher.tick();
        assertThat(attempted(id)).isEqualTo(1);
        assertThat(api.get(BATCHES + id).json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void a_batch_on_hold_starts_nothing_until_released() {
        String id = batch(campaign(Map.of()), Fixtures.aCallList(5), Map.of("paused", true));
        run(Duration.ofSeconds(20), Duration.ofSeconds(1));
        assertThat(attempted(id)).isZero();
        api.put(BATCHES + id, Map.of("paused", false));
        run(Duration.ofSeconds(10), Duration.ofSeconds(1));
        assertThat(attempted(id)).isEqualTo(5);
    }

    @Test
    void holding_an_active_batch_pauses_it_and_in_flight_calls_still_finish() {
        String id = batch(campaign(Map.of()), Fixtures.aCallList(3), Map.of("call_rate", 3600));
        run(Duration.ofSeconds(1), Duration.ofSeconds(1));
        var held = api.put(BATCHES + id, Map.of("paused", true)).json();
        assertThat(held.path("status").asString()).isEqualTo("PAUSED");
        int before = api.get(BATCHES + id)
                .json()
                .path("status_counts")
                .path("PENDING")
                .asInt();
        run(Duration.ofMinutes(1), Duration.ofSeconds(1));
        var counts = api.get(BATCHES + id).json().path("status_counts");
        assertThat(counts.path("PENDING").asInt()).isEqualTo(before);
        assertThat(counts.has("INITIATED")).isFalse();
        assertThat(api.put(BATCHES + id, Map.of("paused", false))
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("ACTIVE");
    }

    @Test
    void at_expiry_the_batch_expires_and_never_attempted_requests_are_canceled() {
        String expires = DispatchTestConfig.START.plusSeconds(5).toString();
        String id = batch(campaign(Map.of()), Fixtures.aCallList(50), Map.of("expires_on", expires, "call_rate", 3600));
        run(Duration.ofSeconds(30), Duration.ofSeconds(1));
        var batch = api.get(BATCHES + id).json();
        assertThat(batch.path("status").asString()).isEqualTo("EXPIRED");
        var counts = batch.path("status_counts");
        assertThat(counts.path("CANCELED").asInt()).isBetween(44, 46);
        assertThat(counts.path("COMPLETED").asInt() + counts.path("CANCELED").asInt())
                .isEqualTo(50);
    }

    @Test
    void the_daily_cap_holds_across_batches_of_a_campaign_until_the_next_local_day() {
        long c = campaign(Map.of("max_daily_calls", 3));
        String first = batch(c, Fixtures.aCallList(5), Map.of());
        String second = batch(c, Fixtures.aCallList(5), Map.of());
        run(Duration.ofMinutes(5), Duration.ofSeconds(1));
        assertThat(attempted(first) + attempted(second)).isEqualTo(3);
        clock.set(Instant.parse("2026-12-01T00:00:01Z"));
        run(Duration.ofMinutes(1), Duration.ofSeconds(1));
        assertThat(attempted(first) + attempted(second)).isEqualTo(6);
    }

    @Test
    void auto_pacing_records_its_first_rate_as_the_baseline() {
        String expires = DispatchTestConfig.START.plus(Duration.ofHours(10)).toString();
        String id = batch(
                campaign(Map.of()), Fixtures.aCallList(100), Map.of("auto_call_rate", true, "expires_on", expires));
        dispatcher.tick();
        double baseline =
                api.get(BATCHES + id).json().path("auto_call_rate_baseline").asDouble();
        assertThat(baseline).isBetween(9.0, 11.0);
    }

    @Test
    void the_agent_reports_the_conversation_and_results_show_it() {
        String id = batch(campaign(Map.of()), list("+15125550100"), Map.of());
        run(Duration.ofSeconds(20), Duration.ofSeconds(1));
        var r = api.post(
                BATCHES + id + "/requests/r0/conversation",
                Map.of(
                        "session_id",
                        7,
                        "conversation_id",
                        9,
                        "insights_status",
                        "COMPLETED",
                        "insights",
                        Map.of("rating", "Good", "score", 4)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var result = BatchResults.of(api, id).get("r0");
        assertThat(result.path("session_id").asLong()).isEqualTo(7);
        assertThat(result.path("conversation_id").asLong()).isEqualTo(9);
        assertThat(result.path("insights_status").asString()).isEqualTo("COMPLETED");
        assertThat(result.path("insights").path("rating").asString()).isEqualTo("Good");
        assertThat(api.get(BATCHES + id + "/results?insights_status=COMPLETED").json())
                .hasSize(1);
        assertThat(api.post(BATCHES + id + "/requests/nope/conversation", Map.of("session_id", 1))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void in_recipient_mode_each_number_is_dialled_in_its_own_hours() {
        long c = campaign(Map.of("hours_in", "recipient", "daily_start_time", "09:00", "daily_end_time", "17:00"));
        // 12:00 UTC: 12:00 in London (open), 07:00 in New York (closed).
        String id = batch(c, "reference_id,target\nlondon,+442071838750\nnewyork,+12125550100\n", Map.of());
        run(Duration.ofMinutes(5), Duration.ofSeconds(1));
        assertThat(BatchResults.of(api, id).get("london").path("attempt_count").asInt())
                .isEqualTo(1);
        assertThat(BatchResults.of(api, id).get("newyork").path("attempt_count").asInt())
                .isZero();
        clock.set(Instant.parse("2026-11-30T14:00:00Z"));
        run(Duration.ofSeconds(40), Duration.ofSeconds(1));
        assertThat(BatchResults.of(api, id).get("newyork").path("attempt_count").asInt())
                .isEqualTo(1);
    }

    @Test
    void dispatch_metrics_are_served_for_prometheus() {
        batch(campaign(Map.of()), list("+15125550100"), Map.of());
        run(Duration.ofSeconds(10), Duration.ofSeconds(1));
        var r = api.withKey(null)
                .sendWithHeader("GET", "/actuator/prometheus", "Authorization", "Bearer " + METRICS_TOKEN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "outbound_dispatch_attempts_total",
                        "outbound_dispatch_claim_seconds",
                        "outbound_dispatch_outcomes_total",
                        "outbound_dispatch_lag_seconds");
    }

    @Test
    void a_claim_whose_node_died_is_taken_back_and_dialled_again() {
        String id = batch(campaign(Map.of()), list("+15125550100"), Map.of());
        // A node claimed the request and died before calling: its lease is in the past.
        jdbc.sql("""
                        UPDATE request SET status = 'INITIATED', channel_manager_status = 'QUEUED', attempt_count = 1,
                               lease_owner = 'dead-node', lease_until = :past
                        WHERE batch_pk = (SELECT pk FROM batch WHERE batch_id = :id)
                        """)
                .param("past", java.time.OffsetDateTime.parse("2026-11-30T11:00:00Z"))
                .param("id", id)
                .update();
        jdbc.sql("""
                        UPDATE status_count SET request_status = 'INITIATED', channel_status = 'QUEUED'
                        WHERE batch_pk = (SELECT pk FROM batch WHERE batch_id = :id)
                        """).param("id", id).update();
        run(Duration.ofSeconds(20), Duration.ofSeconds(1));
        var result = BatchResults.of(api, id).get("r0");
        assertThat(result.path("request_status").asString()).isEqualTo("COMPLETED");
        assertThat(result.path("attempt_count").asInt()).isEqualTo(1);
        var counts = api.get(BATCHES + id).json().path("status_counts");
        assertThat(counts.path("COMPLETED").asInt()).isEqualTo(1);
        assertThat(counts.has("INITIATED")).isFalse();
    }

    @Autowired
    NodeName node;

    @Test
    void a_claim_this_node_never_delivered_is_not_renewed_but_taken_back_and_dialled() {
        String id = batch(campaign(Map.of()), list("+15125550100"), Map.of());
        // This node's claim committed but the delivery never ran (the database failed in between):
        // no channel is working on it, so its lease must run out rather than be renewed for ever.
        jdbc.sql("""
                        UPDATE request SET status = 'INITIATED', channel_manager_status = 'QUEUED', attempt_count = 1,
                               lease_owner = :node, lease_until = :soon
                        WHERE batch_pk = (SELECT pk FROM batch WHERE batch_id = :id)
                        """)
                .param("node", node.get())
                .param("soon", java.time.OffsetDateTime.parse("2026-11-30T12:00:30Z"))
                .param("id", id)
                .update();
        jdbc.sql("""
                        UPDATE status_count SET request_status = 'INITIATED', channel_status = 'QUEUED'
                        WHERE batch_pk = (SELECT pk FROM batch WHERE batch_id = :id)
                        """).param("id", id).update();
        run(Duration.ofSeconds(60), Duration.ofSeconds(1));
        var result = BatchResults.of(api, id).get("r0");
        assertThat(result.path("request_status").asString()).isEqualTo("COMPLETED");
        var counts = api.get(BATCHES + id).json().path("status_counts");
        assertThat(counts.path("COMPLETED").asInt()).isEqualTo(1);
        assertThat(counts.has("INITIATED")).isFalse();
    }
}
