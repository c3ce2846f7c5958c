package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Retries by outcome (retry_rules, machine_outcome) as the dispatcher applies them, tick by tick
 * on the test clock with the simulator: ...7 is BUSY, ...8 NO-ANSWER after 30 s, ...9 MACHINE.
 */
@StoreTest
@Import(DispatchTestConfig.class)
class RetryRulesDispatchTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(DispatchTestConfig.START);
    }

    @Test
    void each_outcome_is_retried_by_its_own_rule_and_an_outcome_without_one_by_retry_count() {
        String id = Fixtures.dialableBatch(
                api,
                Map.of(
                        "retry_count",
                        2,
                        "retry_interval",
                        "5m",
                        "retry_rules",
                        Map.of(
                                "BUSY", Map.of("count", 3, "interval", "10m"),
                                "NO-ANSWER", Map.of("count", 1, "interval", "15m"))),
                "+15125550607",
                "+15125550608",
                "+15125550609");

        run(Duration.ofMinutes(45), Duration.ofSeconds(5));

        var results = BatchResults.of(api, id);
        assertThat(results.values())
                .allSatisfy(r -> assertThat(r.path("request_status").asString()).isEqualTo("FAILED"));
        assertThat(results.get("r0").path("attempt_count").asInt())
                .as("BUSY: 1 + 3")
                .isEqualTo(4);
        assertThat(results.get("r1").path("attempt_count").asInt())
                .as("NO-ANSWER: 1 + 1")
                .isEqualTo(2);
        assertThat(results.get("r2").path("attempt_count").asInt())
                .as("MACHINE has no rule: 1 + retry_count")
                .isEqualTo(3);
        assertThat(gaps(id, "r0")).hasSize(3).allSatisfy(g -> assertThat(g).isBetween(minutes(10), minutes(10, 10)));
        assertThat(gaps(id, "r1"))
                .singleElement()
                .satisfies(g -> assertThat(g).isBetween(minutes(15), minutes(15, 10)));
        assertThat(gaps(id, "r2")).hasSize(2).allSatisfy(g -> assertThat(g).isBetween(minutes(5), minutes(5, 10)));
    }

    @Test
    void a_machine_with_count_zero_is_not_redialled() {
        String id = Fixtures.dialableBatch(
                api,
                Map.of("retry_count", 3, "retry_interval", "1m", "retry_rules", Map.of("MACHINE", Map.of("count", 0))),
                "+15125550619",
                "+15125550617");

        run(Duration.ofMinutes(10), Duration.ofSeconds(5));

        var results = BatchResults.of(api, id);
        assertThat(results.get("r0").path("request_status").asString()).isEqualTo("FAILED");
        assertThat(results.get("r0").path("channel_manager_status").asString()).isEqualTo("MACHINE");
        assertThat(results.get("r0").path("attempt_count").asInt()).isEqualTo(1);
        assertThat(results.get("r1").path("attempt_count").asInt())
                .as("BUSY has no rule and keeps retry_count")
                .isEqualTo(4);
    }

    @Test
    void with_machine_outcome_complete_a_machine_ends_the_request_completed() {
        String id = Fixtures.dialableBatch(
                api,
                Map.of("retry_count", 3, "retry_interval", "1m", "machine_outcome", "complete"),
                "+15125550629",
                "+15125550627");

        run(Duration.ofMinutes(10), Duration.ofSeconds(5));

        var results = BatchResults.of(api, id);
        var machine = results.get("r0");
        assertThat(machine.path("request_status").asString()).isEqualTo("COMPLETED");
        assertThat(machine.path("channel_manager_status").asString()).isEqualTo("MACHINE");
        assertThat(machine.path("attempt_count").asInt()).isEqualTo(1);
        assertThat(api.get(BATCHES + id + "/requests/r0/attempts")
                        .json()
                        .get(0)
                        .path("outcome")
                        .asString())
                .isEqualTo("completed");
        assertThat(results.get("r1").path("request_status").asString())
                .as("other outcomes are still retried, then fail")
                .isEqualTo("FAILED");
        assertThat(results.get("r1").path("attempt_count").asInt()).isEqualTo(4);
    }

    /** Time from each attempt's end to the next attempt's start. */
    private List<Duration> gaps(String batchId, String ref) {
        JsonNode attempts =
                api.get(BATCHES + batchId + "/requests/" + ref + "/attempts").json();
        var gaps = new ArrayList<Duration>();
        for (int i = 1; i < attempts.size(); i++) {
            gaps.add(Duration.between(
                    Instant.parse(attempts.get(i - 1).path("ended_at").asString()),
                    Instant.parse(attempts.get(i).path("started_at").asString())));
        }
        return gaps;
    }

    private static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    private static Duration minutes(long m, long seconds) {
        return Duration.ofMinutes(m).plusSeconds(seconds);
    }

    private void run(Duration total, Duration step) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(step);
        }
        dispatcher.tick();
    }
}
