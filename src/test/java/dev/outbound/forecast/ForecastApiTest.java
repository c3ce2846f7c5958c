package dev.outbound.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/outbound/batches/{batch_id}/forecast: its shape, its figures for a fresh batch, and its scope. */
@StoreTest
@Import(ForecastTestConfig.class)
class ForecastApiTest {
    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(ForecastTestConfig.MONDAY_8AM);
    }

    @Test
    void a_fresh_batch_is_planned_in_its_window_at_its_rate_with_the_default_outcome_mix() {
        String id = batch(Map.of(), 100, 50);

        JsonNode f = forecast(id);

        assertThat(f.path("batch_id").asString()).isEqualTo(id);
        assertThat(f.path("remaining").asLong()).isEqualTo(100);
        assertThat(f.path("in_progress").asLong()).isZero();
        assertThat(f.path("expected_first_attempt").asString()).isEqualTo("2026-11-30T09:00:00Z");
        assertThat(f.path("will_expire_unattempted").asLong()).isZero();
        assertThat(f.path("expected_attempts").asLong())
                .as("100 first attempts and the retries the default mix predicts (retry_count 1)")
                .isEqualTo(130);
        assertThat(f.path("by_day").get(0).path("date").asString()).isEqualTo("2026-11-30");
        assertThat(f.path("by_day").get(0).path("attempts").asLong())
                .as("all of it on Monday: 130 attempts at 50 an hour take 2.6 hours")
                .isEqualTo(130);
        assertThat(f.path("expected_finish").asString()).startsWith("2026-11-30T11:");
        assertThat(f.path("done_by_day").isEmpty()).isTrue();
        JsonNode a = f.path("assumptions");
        assertThat(a.path("pacing").asString()).isEqualTo("call_rate");
        assertThat(a.path("rate_per_hour").asDouble()).isEqualTo(50);
        assertThat(a.path("outcome_mix_source").asString()).isEqualTo("default");
        assertThat(a.path("outcome_mix").path("COMPLETED").asDouble()).isEqualTo(0.7);
        assertThat(a.path("window").asString()).isEqualTo("09:00-17:00 Mon,Tue,Wed,Thu,Fri");
        assertThat(a.path("mean_attempt_seconds").asDouble()).isEqualTo(60);
    }

    @Test
    void an_expiry_before_the_work_is_done_counts_what_will_expire_unattempted() {
        String id = batch(Map.of(), 100, 10);
        var r = api.put("/api/v1/outbound/batches/" + id, Map.of("expires_on", "2026-11-30T12:00:00Z"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        JsonNode f = forecast(id);

        assertThat(f.path("will_expire_unattempted").asLong()).isEqualTo(70);
        assertThat(f.path("expected_finish").asString()).isEqualTo("2026-11-30T12:00:00Z");
    }

    @Test
    void a_restricted_date_and_a_daily_cap_shape_the_days() {
        String id = batch(
                Map.of(
                        "restricted_dates",
                        List.of(Map.of("start", "2026-12-01", "end", "2026-12-01", "name", "Closed")),
                        "max_daily_calls",
                        40,
                        "retry_count",
                        0),
                100,
                3600);

        JsonNode f = forecast(id);

        assertThat(f.path("by_day").toString())
                .isEqualTo("[{\"date\":\"2026-11-30\",\"attempts\":40},{\"date\":\"2026-12-02\",\"attempts\":40},"
                        + "{\"date\":\"2026-12-03\",\"attempts\":20}]");
        assertThat(f.path("assumptions").path("restricted_dates").get(0).asString())
                .isEqualTo("Closed (2026-12-01)");
    }

    @Test
    void a_batch_on_hold_plans_nothing_and_says_why() {
        String id = batch(Map.of(), 10, 50);
        api.put("/api/v1/outbound/batches/" + id, Map.of("paused", true));

        JsonNode f = forecast(id);

        assertThat(f.path("remaining").asLong()).isEqualTo(10);
        assertThat(f.path("expected_finish").isNull()).isTrue();
        assertThat(f.path("by_day").isEmpty()).isTrue();
        assertThat(f.path("assumptions").path("held").asString()).isEqualTo("the batch is on hold");
    }

    @Test
    void another_organizations_batch_is_not_found() {
        String id = batch(Map.of(), 10, 50);
        var r = api.post("/api/v1/outbound/organizations", Map.of("name", "Forecast Other", "admin_email", "o@f.test"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Api other = api.withKey(r.json().path("admin_key").path("api_key").asString());

        assertThat(other.get("/api/v1/outbound/batches/" + id + "/forecast").status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/outbound/batches/no-such-batch/forecast").status())
                .isEqualTo(404);
    }

    private JsonNode forecast(String id) {
        var r = api.get("/api/v1/outbound/batches/" + id + "/forecast");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** A 09:00-17:00 weekday campaign (UTC) with {@code settings}, and a batch of {@code rows} at {@code rate}. */
    private String batch(Map<String, Object> settings, int rows, int rate) {
        var body = Fixtures.aMinimalCampaign();
        body.put("daily_start_time", "09:00:00");
        body.put("daily_end_time", "17:00:00");
        body.put("timezone", "UTC");
        body.put("hourly_rate", rate);
        body.put("retry_count", 1);
        body.put("retry_interval", "10m");
        body.putAll(settings);
        var c = api.post("/api/v1/outbound/campaigns", body);
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        var batch = Fixtures.aBatchFor(c.json().path("id").asLong());
        batch.put("call_rate", rate);
        var b = api.post("/api/v1/outbound/batches", batch);
        assertThat(b.status()).as(b.body()).isEqualTo(200);
        String id = String.valueOf(batch.get("batch_id"));
        var up = api.upload("/api/v1/outbound/batches/" + id + "/upload_batch", "list.csv", Fixtures.aCallList(rows));
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        return id;
    }
}
