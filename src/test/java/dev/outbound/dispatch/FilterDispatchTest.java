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
import tools.jackson.databind.JsonNode;

/**
 * Campaign filters applied before dialling, without a Lookup provider: libphonenumber's line type
 * (stored at ingest) is what they see. UK numbers, because libphonenumber tells their mobiles from
 * landlines; North American numbers are unknown to it.
 */
@StoreTest
@Import(DispatchTestConfig.class)
class FilterDispatchTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";
    private static final String MOBILE = "+447400123456";
    private static final String LANDLINE = "+442071838750";
    private static final String TOLL_FREE = "+448001234561";
    private static final String UNKNOWN = "+14155550123";

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

    private void run(Duration total) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }
        dispatcher.tick();
    }

    private static void assertFiltered(JsonNode result) {
        assertThat(result.path("request_status").asString())
                .as(result.toString())
                .isEqualTo("SKIPPED");
        assertThat(result.path("channel_manager_status").asString()).isEqualTo("FILTERED_LINE_TYPE");
        assertThat(result.path("attempt_count").asInt()).isZero();
        assertThat(result.path("sent_at").isNull()).as("never sent").isTrue();
        assertThat(result.path("reason").asString()).isEqualTo("FILTERED");
    }

    @Produces(ChannelManagerStatus.FILTERED_LINE_TYPE)
    @Test
    void allowed_line_types_dial_only_mobiles_and_skip_the_rest_as_filtered() {
        String id = Fixtures.dialableBatch(
                api,
                Map.of("allowed_line_types", List.of("mobile"), "include_unknown_line_types", false),
                MOBILE,
                LANDLINE,
                TOLL_FREE,
                UNKNOWN);

        run(Duration.ofMinutes(1));

        var results = BatchResults.of(api, id);
        assertThat(results.get("r0").path("request_status").asString()).isEqualTo("COMPLETED");
        assertThat(results.get("r0").path("line_type").asString()).isEqualTo("mobile");
        assertThat(results.get("r1").path("line_type").asString()).isEqualTo("landline");
        assertThat(results.get("r2").path("line_type").asString()).isEqualTo("tollFree");
        assertThat(results.get("r3").path("line_type").isNull()).isTrue();
        assertFiltered(results.get("r1"));
        assertFiltered(results.get("r2"));
        assertFiltered(results.get("r3"));
        assertThat(results.get("r1").path("reason_detail").asString()).isEqualTo("line type landline not allowed");
        assertThat(results.get("r3").path("reason_detail").asString()).isEqualTo("line type unknown not allowed");
        assertThat(results.get("r0").path("reason").isNull()).isTrue();
        var counts = api.get(BATCHES + id).json().path("status_counts");
        assertThat(counts.path("SKIPPED").asInt()).isEqualTo(3);
        assertThat(counts.path("COMPLETED").asInt()).isEqualTo(1);
        assertThat(counts.path("PENDING").asInt()).isZero();
        assertThat(counts.path("INITIATED").asInt()).isZero();
    }

    @Test
    void unknown_line_types_are_dialled_when_included() {
        String id = Fixtures.dialableBatch(
                api,
                Map.of("allowed_line_types", List.of("landline"), "include_unknown_line_types", true),
                MOBILE,
                LANDLINE,
                UNKNOWN);

        run(Duration.ofMinutes(1));

        var results = BatchResults.of(api, id);
        assertFiltered(results.get("r0"));
        assertThat(results.get("r1").path("request_status").asString()).isEqualTo("COMPLETED");
        assertThat(results.get("r2").path("request_status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void target_filters_take_precedence_and_on_unknown_exclude_skips_unknowns() {
        var filters = Map.of(
                "match",
                "any",
                "on_unknown",
                "exclude",
                "rules",
                List.of(Map.of("field", "line_type", "op", "in", "values", List.of("landline", "tollFree"))));
        String id = Fixtures.dialableBatch(
                api,
                Map.of("allowed_line_types", List.of("mobile"), "target_filters", filters),
                MOBILE,
                LANDLINE,
                TOLL_FREE,
                UNKNOWN);

        run(Duration.ofMinutes(1));

        var results = BatchResults.of(api, id);
        assertFiltered(results.get("r0"));
        assertThat(results.get("r1").path("request_status").asString()).isEqualTo("COMPLETED");
        assertThat(results.get("r2").path("request_status").asString()).isEqualTo("COMPLETED");
        assertFiltered(results.get("r3"));
    }

    @Test
    void filtered_requests_give_their_slot_back_so_the_rate_holds() {
        // One slot a tick at 3600/h: five landlines ahead of a mobile must not cost five ticks.
        String id = Fixtures.dialableBatch(
                api,
                Map.of("allowed_line_types", List.of("mobile"), "include_unknown_line_types", false),
                LANDLINE,
                "+442079460001",
                "+442079460002",
                MOBILE);

        int started = dispatcher.tick();

        assertThat(started).isEqualTo(1);
        assertThat(BatchResults.of(api, id).get("r3").path("attempt_count").asInt())
                .isEqualTo(1);
    }
}
