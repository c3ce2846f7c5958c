package dev.outbound.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.dispatch.Dispatcher;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * OUTBOUND_DEMO=true seeds the README's campaign and call list at start, and the dispatcher takes
 * them through every simulator outcome. Ticks are run by hand on a settable clock.
 */
@StoreTest
@TestPropertySource(properties = "outbound.demo=true")
@Import(DemoTest.Clock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoTest {
    private static final String BATCH = "/api/v1/outbound/batches/" + DemoSeeder.BATCH_ID;

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    DemoSeeder seeder;

    @TestConfiguration
    static class Clock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
        }
    }

    @Test
    @Order(1)
    void the_start_seeds_the_example_campaign_and_call_list() {
        var api = Api.at(port);
        JsonNode batch = api.get(BATCH).json();
        assertThat(batch.path("upload_filename").asString()).isEqualTo("calllist.csv");
        assertThat(batch.path("status_counts").path("PENDING").asLong()).isEqualTo(18);
        assertThat(batch.path("status_counts").path("INVALID").asLong()).isEqualTo(1);
        assertThat(batch.path("status_counts").path("DUPLICATE").asLong()).isEqualTo(1);

        JsonNode campaign = api.get("/api/v1/outbound/campaigns/"
                        + batch.path("campaign_id").asLong())
                .json();
        JsonNode example = Api.json().readTree(Examples.text(Examples.CAMPAIGN));
        example.properties()
                .forEach(field -> assertThat(campaign.path(field.getKey()))
                        .as(field.getKey())
                        .isEqualTo(field.getValue()));
    }

    @Test
    @Order(2)
    void the_first_tick_after_start_already_calls() {
        dispatcher.tick();

        assertThat(count(results(), "request_status")).containsKey("INITIATED");
    }

    @Test
    @Order(3)
    void the_call_list_reaches_every_simulator_outcome_plus_one_invalid_and_one_duplicate_row() {
        Instant end = clock.instant().plus(Duration.ofMinutes(5));
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(2));
        }
        dispatcher.tick();

        assertThat(count(results(), "request_status"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("COMPLETED", 12, "FAILED", 6, "INVALID", 1, "DUPLICATE", 1));
        assertThat(count(results(), "channel_manager_status"))
                .containsEntry("BUSY", 2)
                .containsEntry("NO-ANSWER", 2)
                .containsEntry("MACHINE", 2);
        assertThat(BatchResults.of(Api.at(port), DemoSeeder.BATCH_ID)
                        .get("tony")
                        .path("attempt_count")
                        .asInt())
                .as("a busy number is retried once")
                .isEqualTo(2);
    }

    @Test
    @Order(4)
    void a_second_start_on_the_same_store_seeds_nothing_more() throws Exception {
        seeder.run(new DefaultApplicationArguments());

        var campaigns = Api.at(port).get("/api/v1/outbound/campaigns?limit=100").json();
        assertThat(campaigns.path("items").size()).isEqualTo(1);
    }

    /** Every row, the duplicate reference id included. */
    private List<JsonNode> results() {
        var out = new ArrayList<JsonNode>();
        Api.at(port).get(BATCH + "/results").json().forEach(out::add);
        return out;
    }

    private static Map<String, Integer> count(List<JsonNode> rows, String field) {
        var out = new HashMap<String, Integer>();
        rows.forEach(r -> out.merge(r.path(field).asString(), 1, Integer::sum));
        return out;
    }
}
