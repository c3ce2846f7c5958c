package dev.outbound.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.dispatch.Dispatcher;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Line-type enrichment from a local Twilio Lookup v2 stand-in, and filters that wait for it. */
@StoreTest
@Import(LookupTest.Config.class)
class LookupTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static final LookupStandIn LOOKUP = standIn();
    /** Reads the line type but lets every target through: the lookup runs, nothing is skipped. */
    private static final Map<String, Object> FILTERING =
            Map.of("allowed_line_types", List.of("mobile", "landline", "voip"), "include_unknown_line_types", true);

    @TestConfiguration
    static class Config {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }

    @DynamicPropertySource
    static void lookup(DynamicPropertyRegistry registry) {
        registry.add("outbound.twilio.lookups-base-url", LOOKUP::baseUrl);
        registry.add("outbound.twilio.account-sid", () -> LookupStandIn.SID);
        registry.add("outbound.twilio.auth-token", () -> LookupStandIn.TOKEN);
    }

    @AfterAll
    static void stop() {
        LOOKUP.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    LookupWorker worker;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(START);
    }

    @Test
    void a_lookup_stores_line_type_and_enrichment_and_the_cache_answers_the_next_batch() {
        String first = Fixtures.dialableBatch(
                api, FILTERING, LookupStandIn.MOBILE, LookupStandIn.LANDLINE, LookupStandIn.INVALID);
        assertThat(BatchResults.of(api, first).get("r0").path("enrichment").isNull())
                .as("the upload does not wait for lookups")
                .isTrue();

        worker.runOnce();

        var results = BatchResults.of(api, first);
        JsonNode mobile = results.get("r0");
        assertThat(mobile.path("line_type").asString()).isEqualTo("mobile");
        assertThat(mobile.path("enrichment").path("line_type").asString()).isEqualTo("mobile");
        assertThat(mobile.path("enrichment").path("carrier_name").asString()).isEqualTo("Onvoy, LLC - Sinch");
        assertThat(mobile.path("enrichment").path("mcc").asString()).isEqualTo("313");
        assertThat(mobile.path("enrichment").path("mnc").asString()).isEqualTo("410");
        assertThat(mobile.path("enrichment").path("error_code").isNull()).isTrue();
        assertThat(results.get("r1").path("line_type").asString()).isEqualTo("landline");
        JsonNode invalid = results.get("r2");
        assertThat(invalid.path("line_type").isNull()).isTrue();
        assertThat(invalid.path("enrichment").path("error_code").asString()).isEqualTo("60600");
        int callsBefore = LOOKUP.calls(LookupStandIn.MOBILE);

        String second = Fixtures.dialableBatch(api, FILTERING, LookupStandIn.MOBILE);
        worker.runOnce();

        assertThat(LOOKUP.calls(LookupStandIn.MOBILE))
                .as("a cached number is not looked up again")
                .isEqualTo(callsBefore);
        assertThat(BatchResults.of(api, second)
                        .get("r0")
                        .path("enrichment")
                        .path("carrier_name")
                        .asString())
                .isEqualTo("Onvoy, LLC - Sinch");
    }

    @Test
    void a_request_added_through_the_api_is_looked_up_too() {
        String id = Fixtures.dialableBatch(api, FILTERING, LookupStandIn.LANDLINE);
        var added = api.post(
                BATCHES + id + "/requests",
                Map.of("reference_id", "solo", "target", LookupStandIn.MOBILE, "request_variables", Map.of()));
        assertThat(added.status()).as(added.body()).isEqualTo(200);

        worker.runOnce();

        assertThat(BatchResults.of(api, id).get("solo").path("line_type").asString())
                .isEqualTo("mobile");
    }

    @Test
    void a_row_committed_behind_the_cursor_is_found_by_the_periodic_rescan() {
        // Other tests may leave a number Lookup keeps failing on, which holds the cursor back.
        jdbc.sql("UPDATE request SET enrichment = '{}' WHERE enrichment IS NULL")
                .update();
        String id = Fixtures.dialableBatch(api, FILTERING, LookupStandIn.MOBILE);
        worker.runOnce();
        worker.runOnce();
        // As if a long upload committed this row after the cursor had moved past its id.
        jdbc.sql("UPDATE request SET enrichment = NULL, line_type = NULL WHERE target = :t")
                .param("t", LookupStandIn.MOBILE)
                .update();

        worker.runOnce();
        assertThat(BatchResults.of(api, id).get("r0").path("enrichment").isNull())
                .isTrue();
        clock.advance(LookupWorker.RESCAN);
        worker.runOnce();
        worker.runOnce();

        assertThat(BatchResults.of(api, id).get("r0").path("line_type").asString())
                .isEqualTo("mobile");
    }

    @Test
    void a_campaign_without_filters_pays_for_no_lookup() {
        String unfiltered = "+14155550171";
        String id = Fixtures.dialableBatch(api, Map.of(), unfiltered);
        String targetFilters = Fixtures.dialableBatch(
                api,
                Map.of("target_filters", Map.of("match", "all", "on_unknown", "include", "rules", List.of())),
                unfiltered);

        var pass = worker.runOnce();

        assertThat(pass.scanned()).as("the requests were read").isGreaterThanOrEqualTo(2);
        assertThat(LOOKUP.calls(unfiltered))
                .as("but nothing reads a lookup of them")
                .isZero();
        assertThat(BatchResults.of(api, id).get("r0").path("enrichment").isNull())
                .isTrue();
        assertThat(BatchResults.of(api, targetFilters)
                        .get("r0")
                        .path("enrichment")
                        .isNull())
                .isTrue();

        String filtered = Fixtures.dialableBatch(api, FILTERING, unfiltered);
        clock.advance(LookupWorker.RESCAN);
        worker.runOnce();
        worker.runOnce();

        assertThat(LOOKUP.calls(unfiltered))
                .as("a filtering campaign's request is looked up")
                .isEqualTo(1);
        assertThat(BatchResults.of(api, filtered).get("r0").path("line_type").asString())
                .isEqualTo("landline");
    }

    @Test
    void a_number_lookup_does_not_know_is_stored_with_twilios_error_code() {
        String id = Fixtures.dialableBatch(api, FILTERING, LookupStandIn.NOT_FOUND);

        var pass = worker.runOnce();

        assertThat(pass.failed()).isZero();
        JsonNode r = BatchResults.of(api, id).get("r0");
        assertThat(r.path("enrichment").path("error_code").asString()).isEqualTo("20404");
        assertThat(r.path("enrichment").path("line_type").isNull()).isTrue();
    }

    @Test
    void a_filtering_campaign_waits_for_lookups_then_dials_mobiles_and_skips_the_rest() {
        String id = Fixtures.dialableBatch(
                api,
                Map.of("allowed_line_types", List.of("mobile"), "include_unknown_line_types", false),
                LookupStandIn.MOBILE,
                LookupStandIn.LANDLINE,
                LookupStandIn.INVALID);

        dispatcher.tick();
        assertThat(BatchResults.of(api, id).byRef().values())
                .as("nothing is dialled before its lookup")
                .allSatisfy(r -> assertThat(r.path("attempt_count").asInt()).isZero());
        assertThat(BatchResults.of(api, id).byRef().values())
                .as("and each says why it waits")
                .allSatisfy(r -> {
                    assertThat(r.path("reason").asString()).isEqualTo("LOOKUP_PENDING");
                    assertThat(r.path("reason_detail").asString()).startsWith("number lookup pending");
                });
        worker.runOnce();
        run(Duration.ofMinutes(1));

        var results = BatchResults.of(api, id);
        assertThat(results.get("r0").path("request_status").asString()).isEqualTo("COMPLETED");
        for (String ref : List.of("r1", "r2")) {
            assertThat(results.get(ref).path("request_status").asString()).isEqualTo("SKIPPED");
            assertThat(results.get(ref).path("channel_manager_status").asString())
                    .isEqualTo("FILTERED_LINE_TYPE");
            assertThat(results.get(ref).path("reason").asString()).isEqualTo("FILTERED");
        }
        assertThat(results.get("r0").path("reason").isNull())
                .as("the claim that dialled it cleared the wait's reason")
                .isTrue();
        assertThat(results.get("r1").path("reason_detail").asString()).isEqualTo("line type landline not allowed");
        assertThat(api.get(BATCHES + id)
                        .json()
                        .path("status_counts")
                        .path("SKIPPED")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void a_lookup_that_keeps_failing_holds_the_request_only_for_the_grace_period() {
        String id = Fixtures.dialableBatch(
                api,
                Map.of("allowed_line_types", List.of("landline"), "include_unknown_line_types", true),
                LookupStandIn.FAILING);

        assertThat(worker.runOnce().failed()).isEqualTo(1);
        assertThat(LOOKUP.calls(LookupStandIn.FAILING)).isPositive();
        run(Duration.ofMinutes(1));
        assertThat(BatchResults.of(api, id).get("r0").path("attempt_count").asInt())
                .isZero();

        clock.advance(Duration.ofMinutes(5));
        run(Duration.ofMinutes(1));

        // libphonenumber cannot tell a North American number's line type: unknown, and included.
        JsonNode r = BatchResults.of(api, id).get("r0");
        assertThat(r.path("attempt_count").asInt()).isEqualTo(1);
        assertThat(r.path("enrichment").isNull()).isTrue();
    }

    private void run(Duration total) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }
        dispatcher.tick();
    }

    private static LookupStandIn standIn() {
        try {
            return new LookupStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
