package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The calling calendar as the dispatcher applies it, tick by tick on the test clock with the
 * simulator (a number ending in 7 is BUSY): restricted dates of the campaign and of the
 * organization, read in the campaign's zone or each recipient's, retries that would land on one,
 * and the organization's rules by recipient region, their hours and their contact limits.
 */
@StoreTest
@Import(DispatchTestConfig.class)
class CalendarDispatchTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";
    private static final String POLICY = "/api/v1/outbound/policy";

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(DispatchTestConfig.START);
    }

    @AfterEach
    void clearThePolicy() {
        policy(Map.of());
    }

    @Test
    void a_batch_on_a_restricted_date_does_not_dial_and_dials_the_day_after() {
        long campaign = campaign(Map.of(
                "timezone", "America/New_York",
                "daily_start_time", "09:00",
                "daily_end_time", "21:00",
                "restricted_dates", List.of(Map.of("start", "2026-12-01", "end", "2026-12-01", "name", "Closed"))));
        String id = batch(campaign, "reference_id,target\nr0,+15125550100\nr1,+15125550101\n");

        clock.set(Instant.parse("2026-12-01T15:00:00Z")); // 10:00 in New York, on the restricted date
        run(Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(attempts(id)).as("nothing on the restricted date").isZero();

        clock.set(Instant.parse("2026-12-02T13:59:00Z")); // 08:59 the day after
        run(Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(attempts(id)).as("not before the window opens").isZero();

        clock.set(Instant.parse("2026-12-02T14:00:00Z"));
        run(Duration.ofSeconds(10), Duration.ofSeconds(1));
        assertThat(attempts(id)).isEqualTo(2);
    }

    @Test
    void in_recipient_hours_a_zone_on_its_restricted_date_waits_while_another_zone_dials() {
        policy(Map.of(
                "restricted_dates",
                List.of(Map.of("start", "2026-12-01", "end", "2026-12-01", "name", "Founders' day"))));
        long campaign = campaign(Map.of(
                "hours_in", "recipient",
                "daily_start_time", "09:00",
                "daily_end_time", "21:00"));
        String id = batch(campaign, "reference_id,target\nnew-york,+12125550100\ntokyo,+81312345670\n");

        // 19:30 on the 30th in New York, 09:30 on the 1st in Tokyo: both inside their hours.
        clock.set(Instant.parse("2026-12-01T00:30:00Z"));
        run(Duration.ofSeconds(30), Duration.ofSeconds(1));
        var results = BatchResults.of(api, id);
        assertThat(results.get("new-york").path("attempt_count").asInt()).isEqualTo(1);
        assertThat(results.get("tokyo").path("attempt_count").asInt()).isZero();
        assertThat(results.get("tokyo").path("request_status").asString()).isEqualTo("PENDING");

        clock.set(Instant.parse("2026-12-01T23:59:00Z")); // 08:59 on the 2nd in Tokyo
        run(Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(BatchResults.of(api, id).get("tokyo").path("attempt_count").asInt())
                .isZero();

        clock.set(Instant.parse("2026-12-02T00:00:00Z")); // 09:00 on the 2nd in Tokyo
        run(Duration.ofSeconds(10), Duration.ofSeconds(1));
        assertThat(BatchResults.of(api, id).get("tokyo").path("attempt_count").asInt())
                .isEqualTo(1);
    }

    @Test
    void a_retry_that_would_land_on_a_restricted_date_lands_the_day_after_and_says_why() {
        long campaign = campaign(Map.of(
                "timezone",
                "America/New_York",
                "daily_start_time",
                "09:00",
                "daily_end_time",
                "21:00",
                "retry_rules",
                Map.of("BUSY", Map.of("count", 2, "interval", "1d")),
                "restricted_dates",
                List.of(Map.of("start", "2026-12-01", "end", "2026-12-01", "name", "Inventory"))));
        String id = batch(campaign, "reference_id,target\nbusy,+15125550107\n");

        clock.set(Instant.parse("2026-11-30T15:00:00Z")); // Monday 10:00 in New York
        run(Duration.ofMinutes(2), Duration.ofSeconds(5));

        var busy = BatchResults.of(api, id).get("busy");
        assertThat(busy.path("request_status").asString()).isEqualTo("PENDING");
        assertThat(busy.path("attempt_count").asInt()).isEqualTo(1);
        assertThat(busy.path("reason").asString()).isEqualTo("RESTRICTED_DATE");
        assertThat(busy.path("reason_detail").asString()).isEqualTo("Inventory (2026-12-01)");
        assertThat(dueAt(id, "busy")).isEqualTo(Instant.parse("2026-12-02T14:00:00Z"));

        clock.set(Instant.parse("2026-12-01T15:00:00Z"));
        run(Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(BatchResults.of(api, id).get("busy").path("attempt_count").asInt())
                .as("not on the restricted date")
                .isEqualTo(1);

        clock.set(Instant.parse("2026-12-02T14:00:00Z"));
        run(Duration.ofMinutes(1), Duration.ofSeconds(5));
        var retried = BatchResults.of(api, id).get("busy");
        assertThat(retried.path("attempt_count").asInt()).isEqualTo(2);
        assertThat(retried.path("reason").isNull())
                .as("the next retry (a day later, not delayed) clears the reason")
                .isTrue();
        assertThat(dueAt(id, "busy"))
                .as("a day after the second attempt")
                .isBetween(Instant.parse("2026-12-03T14:00:00Z"), Instant.parse("2026-12-03T14:01:00Z"));
    }

    @Test
    void a_florida_number_is_held_after_its_rules_hours_while_a_georgia_number_in_the_batch_is_dialled() {
        policy(Map.of("recipient_rules", List.of(rule("US-FL", "08:00", "20:00", null))));
        long campaign = campaign(Map.of(
                "timezone", "America/New_York",
                "daily_start_time", "09:00",
                "daily_end_time", "21:00"));
        String id = batch(campaign, "reference_id,target,state\nmiami,+13055550100,FL\natlanta,+14045550100,GA\n");

        clock.set(Instant.parse("2026-12-01T01:30:00Z")); // 20:30 on the 30th in New York, Miami and Atlanta
        run(Duration.ofSeconds(30), Duration.ofSeconds(1));

        var results = BatchResults.of(api, id);
        assertThat(results.get("atlanta").path("attempt_count").asInt()).isEqualTo(1);
        var miami = results.get("miami");
        assertThat(miami.path("attempt_count").asInt()).isZero();
        assertThat(miami.path("request_status").asString()).isEqualTo("PENDING");
        assertThat(miami.path("reason").asString()).isEqualTo("OUTSIDE_RECIPIENT_HOURS");
        assertThat(miami.path("reason_detail").asString()).startsWith("US-FL allows 08:00-20:00");
        Instant campaignOpens = Instant.parse("2026-12-01T14:00:00Z"); // 09:00: the rule never widens the window
        assertThat(dueAt(id, "miami")).isEqualTo(campaignOpens);

        clock.set(campaignOpens);
        run(Duration.ofSeconds(10), Duration.ofSeconds(1));
        assertThat(BatchResults.of(api, id).get("miami").path("attempt_count").asInt())
                .isEqualTo(1);
    }

    @Test
    void a_rules_contact_limit_holds_the_third_attempt_of_the_day() {
        policy(Map.of("recipient_rules", List.of(rule("US-FL", null, null, Map.of("max_attempts", 2, "days", 1)))));
        String id = Fixtures.dialableBatch(
                api,
                Map.of(),
                "+13055550200",
                "+13055550200",
                "+13055550200",
                "+14045550200",
                "+14045550200",
                "+14045550200");

        run(Duration.ofSeconds(30), Duration.ofSeconds(1));

        var results = BatchResults.of(api, id);
        assertThat(List.of("r0", "r1", "r2"))
                .as("Florida: two attempts, the third held")
                .extracting(r -> results.get(r).path("attempt_count").asInt())
                .containsExactly(1, 1, 0);
        assertThat(results.get("r2").path("reason").asString()).isEqualTo("CONTACT_LIMIT");
        assertThat(results.get("r2").path("reason_detail").asString()).startsWith("2 attempts in 1 day");
        assertThat(List.of("r3", "r4", "r5"))
                .as("Georgia has no such rule")
                .extracting(r -> results.get(r).path("attempt_count").asInt())
                .containsExactly(1, 1, 1);
    }

    private static Map<String, @Nullable Object> rule(
            String region, @Nullable String start, @Nullable String end, @Nullable Map<String, Integer> limit) {
        var rule = new HashMap<String, @Nullable Object>();
        rule.put("region", region);
        if (start != null) {
            rule.put("daily_start_time", start);
            rule.put("daily_end_time", end);
        }
        if (limit != null) {
            rule.put("contact_limit", limit);
        }
        return rule;
    }

    private void policy(Map<String, ?> body) {
        var r = api.put(POLICY, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
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

    private String batch(long campaignId, String csv) {
        var body = Fixtures.aBatchFor(campaignId);
        var r = api.post("/api/v1/outbound/batches", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String id = String.valueOf(body.get("batch_id"));
        var upload = api.upload(BATCHES + id + "/upload_batch", "list.csv", csv);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        return id;
    }

    private void run(Duration total, Duration step) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(step);
        }
        dispatcher.tick();
    }

    private int attempts(String batchId) {
        return BatchResults.of(api, batchId).values().stream()
                .mapToInt(r -> r.path("attempt_count").asInt())
                .sum();
    }

    private Instant dueAt(String batchId, String ref) {
        return jdbc.sql("""
                        SELECT r.due_at FROM request r JOIN batch b ON b.pk = r.batch_pk
                        WHERE b.batch_id = :batch AND r.reference_id = :ref
                        """)
                .param("batch", batchId)
                .param("ref", ref)
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }
}
