package dev.outbound.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.calendar.CallingWindow;
import dev.outbound.dispatch.Dispatcher;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The forecast made before a batch starts against the batch's real finish, driven to its end by
 * the dispatcher and the simulator on the test clock: a 09:00-17:00 weekday window, a restricted
 * Tuesday (and, to tell its effect apart, none), and retries by outcome (BUSY twice after 10 minutes, NO-ANSWER once a day later, MACHINE
 * once after 2 hours). The list's last digits are spread evenly, so 7s stay busy, 8s unanswered and
 * 9s reach a machine, as the simulator does; the forecast starts from the default mix.
 */
@StoreTest
@Import(ForecastTestConfig.class)
class ForecastAccuracyTest {
    private static final CallingWindow WEEKDAYS_9_TO_5 = new CallingWindow(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));
    private static final Duration TICK = Duration.ofMinutes(1);

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @Test
    void the_forecast_made_at_the_start_finishes_within_five_percent_of_the_batch_duration() {
        accuracy(List.of(Map.of("start", "2026-12-01", "end", "2026-12-01", "name", "Closed")));
    }

    @Test
    void without_a_restricted_date_too() {
        accuracy(List.of());
    }

    private void accuracy(List<Map<String, String>> restricted) {
        clock.set(ForecastTestConfig.MONDAY_8AM);
        Api api = Api.at(port);
        String id = batch(api, 400, 40, restricted);
        Instant start = clock.instant();

        JsonNode f = api.get("/api/v1/outbound/batches/" + id + "/forecast").json();
        Instant predicted = Instant.parse(f.path("expected_finish").asString());
        assertThat(f.path("by_day").toString().contains("2026-12-01")).isEqualTo(restricted.isEmpty());

        runToTheEnd(api, id);

        Instant finished = jdbc.sql("""
                        SELECT MAX(a.ended_at) FROM request_attempt a JOIN request r ON r.id = a.request_id
                        JOIN batch b ON b.pk = r.batch_pk WHERE b.batch_id = :id
                        """)
                .param("id", id)
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant();
        Duration took = Duration.between(start, finished);
        Duration off = Duration.between(predicted, finished).abs();
        String figures = "forecast %s, real %s, off by %s of %s (%.2f %%), attempts forecast %s"
                .formatted(
                        predicted,
                        finished,
                        off,
                        took,
                        100.0 * off.toSeconds() / took.toSeconds(),
                        f.path("expected_attempts").asLong());
        System.out.println("forecast accuracy: " + figures);
        assertThat(off.toSeconds()).as(figures).isLessThanOrEqualTo(took.toSeconds() / 20);
        if (!restricted.isEmpty()) {
            assertThat(attemptsOn(id, "2026-12-01"))
                    .as("nothing on the restricted date")
                    .isZero();
        }
    }

    /** Ticks a minute apart while the window is open; outside it, drains outcomes and leaps to the next opening. */
    private void runToTheEnd(Api api, String id) {
        for (int ticks = 0; ticks < 20_000; ticks++) {
            dispatcher.tick();
            if (ticks % 15 == 0 && waiting(api, id) == 0) {
                return;
            }
            Instant now = clock.advance(TICK);
            if (!WEEKDAYS_9_TO_5.isOpen(now, ZoneOffset.UTC)) {
                dispatcher.tick();
                clock.set(WEEKDAYS_9_TO_5.nextOpen(now, ZoneOffset.UTC).orElseThrow());
            }
        }
        throw new AssertionError("the batch did not finish");
    }

    private static long waiting(Api api, String id) {
        JsonNode counts = api.get("/api/v1/outbound/batches/" + id).json().path("status_counts");
        return counts.path("PENDING").asLong()
                + counts.path("INITIATED").asLong()
                + counts.path("CONNECTED").asLong();
    }

    private long attemptsOn(String id, String date) {
        Instant day = Instant.parse(date + "T00:00:00Z");
        return jdbc.sql("""
                        SELECT COUNT(*) FROM request_attempt a JOIN request r ON r.id = a.request_id
                        JOIN batch b ON b.pk = r.batch_pk
                        WHERE b.batch_id = :id AND a.started_at >= :from AND a.started_at < :to
                        """)
                .param("id", id)
                .param("from", day.atOffset(ZoneOffset.UTC))
                .param("to", day.plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    private String batch(Api api, int rows, int rate, List<Map<String, String>> restricted) {
        var body = Fixtures.aMinimalCampaign();
        body.put("daily_start_time", "09:00:00");
        body.put("daily_end_time", "17:00:00");
        body.put("timezone", "UTC");
        body.put("hourly_rate", rate);
        body.put("retry_count", 0);
        body.put(
                "retry_rules",
                Map.of(
                        "BUSY", Map.of("count", 2, "interval", "10m"),
                        "NO-ANSWER", Map.of("count", 1, "interval", "1d"),
                        "MACHINE", Map.of("count", 1, "interval", "2h")));
        body.put("restricted_dates", restricted);
        var c = api.post("/api/v1/outbound/campaigns", body);
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        var batch = Fixtures.aBatchFor(c.json().path("id").asLong());
        var b = api.post("/api/v1/outbound/batches", batch);
        assertThat(b.status()).as(b.body()).isEqualTo(200);
        String id = String.valueOf(batch.get("batch_id"));
        var csv = new StringBuilder("reference_id,target\n");
        for (int i = 0; i < rows; i++) {
            csv.append("r")
                    .append(i)
                    .append(",+1512555")
                    .append(String.format("%04d", 1000 + i))
                    .append('\n');
        }
        var up = api.upload("/api/v1/outbound/batches/" + id + "/upload_batch", "list.csv", csv.toString());
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        return id;
    }
}
