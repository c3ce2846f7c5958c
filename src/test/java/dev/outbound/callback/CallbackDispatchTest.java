package dev.outbound.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.dispatch.Dispatcher;
import dev.outbound.testing.Api;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Callbacks as the dispatcher carries them out, on the test clock with the simulator (a target
 * ending in 0 answers and completes, one ending in 7 is busy): when the attempt happens, what
 * the calendar does to the time asked for, and the rules still asked at the claim.
 */
@StoreTest
@Import(CallbackTestConfig.class)
class CallbackDispatchTest {
    private static final Map<String, Object> NEW_YORK_6_TO_18 =
            Map.of("daily_start_time", "06:00", "daily_end_time", "18:00", "timezone", "America/New_York");

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    Callbacks t;

    @BeforeEach
    void setUp() {
        clock.set(CallbackTestConfig.START);
        t = new Callbacks(Api.at(port), dispatcher, clock);
    }

    @Test
    void a_completed_request_called_back_at_15_00_is_attempted_at_15_00_and_not_before() {
        String id = t.batch(Map.of(), Map.of(), "+15125550600");
        t.run(Duration.ofSeconds(30));
        assertThat(t.status(id, "r0")).isEqualTo("COMPLETED");

        var r = t.callback(id, "r0", "2026-11-30T10:00:00-05:00", "asked for 10 am her time");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(Instant.parse(r.json().path("due_at").asString())).isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
        assertThat(r.json().path("request_status").asString()).isEqualTo("PENDING");
        var waiting = t.result(id, "r0");
        assertThat(waiting.path("request_status").asString()).isEqualTo("PENDING");
        assertThat(waiting.path("reason").asString()).isEqualTo("CALLBACK_SCHEDULED");
        assertThat(waiting.path("reason_detail").asString()).isEqualTo("asked for 10 am her time");
        var counts = t.api().get(Callbacks.BATCHES + id).json().path("status_counts");
        assertThat(counts.path("PENDING").asInt()).isEqualTo(1);
        assertThat(counts.path("COMPLETED").asInt()).isZero();

        clock.set(Instant.parse("2026-11-30T14:59:00Z"));
        t.run(Duration.ofSeconds(59));
        assertThat(t.attempts(id, "r0")).as("not before 15:00").isEqualTo(1);

        t.run(Duration.ofSeconds(30));
        assertThat(t.attempts(id, "r0")).isEqualTo(2);
        assertThat(t.status(id, "r0")).isEqualTo("COMPLETED");
        assertThat(attemptStartedAt(id, 2))
                .isBetween(Instant.parse("2026-11-30T15:00:00Z"), Instant.parse("2026-11-30T15:00:02Z"));
    }

    @Test
    void a_callback_asked_for_outside_the_window_lands_at_its_next_opening() {
        String id = t.batch(NEW_YORK_6_TO_18, Map.of(), "+15125550610");
        t.run(Duration.ofSeconds(30));
        assertThat(t.status(id, "r0")).isEqualTo("COMPLETED");

        var r = t.callback(id, "r0", "2026-11-30T19:30:00-05:00", "after dinner");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(Instant.parse(r.json().path("asked_for").asString()))
                .isEqualTo(Instant.parse("2026-12-01T00:30:00Z"));
        assertThat(Instant.parse(r.json().path("due_at").asString()))
                .as("06:00 in New York the next morning")
                .isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
        clock.set(Instant.parse("2026-12-01T00:30:00Z"));
        t.run(Duration.ofSeconds(20));
        clock.set(Instant.parse("2026-12-01T10:59:30Z"));
        t.run(Duration.ofSeconds(20));
        assertThat(t.attempts(id, "r0")).isEqualTo(1);
        clock.set(Instant.parse("2026-12-01T11:00:00Z"));
        t.run(Duration.ofSeconds(20));
        assertThat(t.attempts(id, "r0")).isEqualTo(2);
    }

    @Test
    void a_callback_asked_for_on_a_restricted_date_lands_at_the_first_allowed_moment_after_it() {
        var settings = new java.util.HashMap<String, Object>(NEW_YORK_6_TO_18);
        settings.put(
                "restricted_dates",
                java.util.List.of(Map.of("start", "2026-12-01", "end", "2026-12-02", "name", "Inventory")));
        String id = t.batch(settings, Map.of(), "+15125550615");
        t.run(Duration.ofSeconds(30));
        assertThat(t.status(id, "r0")).isEqualTo("COMPLETED");

        var r = t.callback(id, "r0", "2026-12-01T09:00:00-05:00", "after inventory");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(Instant.parse(r.json().path("due_at").asString()))
                .as("06:00 in New York on the day after the restriction")
                .isEqualTo(Instant.parse("2026-12-03T11:00:00Z"));
        clock.set(Instant.parse("2026-12-02T15:00:00Z"));
        t.run(Duration.ofSeconds(10));
        assertThat(t.attempts(id, "r0")).isEqualTo(1);
        clock.set(Instant.parse("2026-12-03T11:00:00Z"));
        t.run(Duration.ofSeconds(10));
        assertThat(t.attempts(id, "r0")).isEqualTo(2);
    }

    @Test
    void a_failed_request_is_called_back_once_without_retries_it_no_longer_has() {
        String id = t.batch(Map.of("retry_count", 0), Map.of(), "+15125550617");
        t.run(Duration.ofSeconds(30));
        assertThat(t.status(id, "r0")).isEqualTo("FAILED");

        var r = t.callback(id, "r0", "2026-11-30T12:01:00Z", "try the office line hour");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        t.run(Duration.ofMinutes(2));

        assertThat(t.attempts(id, "r0")).isEqualTo(2);
        assertThat(t.status(id, "r0"))
                .as("busy again, and retry_count 0 allows no retry")
                .isEqualTo("FAILED");
    }

    @Test
    void the_callback_attempt_is_in_the_contact_ledger_and_a_limit_of_one_a_day_holds_it_until_the_next_day() {
        String id = t.batch(Map.of("contact_limit", Map.of("max_attempts", 1, "days", 1)), Map.of(), "+15125550620");
        t.run(Duration.ofSeconds(30));
        assertThat(t.status(id, "r0")).isEqualTo("COMPLETED");
        Instant first = attemptStartedAt(id, 1);

        assertThat(t.callback(id, "r0", "2026-11-30T15:00:00Z", "call me at 3").status())
                .isEqualTo(200);
        clock.set(Instant.parse("2026-11-30T15:00:00Z"));
        t.run(Duration.ofSeconds(20));

        var held = t.result(id, "r0");
        assertThat(held.path("request_status").asString()).isEqualTo("PENDING");
        assertThat(held.path("attempt_count").asInt()).isEqualTo(1);
        assertThat(held.path("reason").asString()).isEqualTo("CONTACT_LIMIT");
        assertThat(ledgerRows()).isEqualTo(1);

        clock.set(first.plus(Duration.ofDays(1)));
        t.run(Duration.ofSeconds(20));
        assertThat(t.attempts(id, "r0")).isEqualTo(2);
        assertThat(ledgerRows())
                .as("the callback's attempt is counted like any other")
                .isEqualTo(2);
    }

    @Test
    void the_agents_conversation_report_can_carry_the_callback() {
        String id = t.batch(Map.of(), Map.of(), "+15125550630");
        t.run(Duration.ofSeconds(30));

        var r = t.api()
                .post(
                        Callbacks.BATCHES + id + "/requests/r0/conversation",
                        Map.of(
                                "session_id",
                                41,
                                "callback",
                                Map.of("at", "2026-11-30T16:00:00+01:00", "note", "wants the manager")));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("recorded").asBoolean()).isTrue();
        assertThat(Instant.parse(r.json().path("callback").path("due_at").asString()))
                .isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
        var waiting = t.result(id, "r0");
        assertThat(waiting.path("session_id").asLong()).isEqualTo(41);
        assertThat(waiting.path("request_status").asString()).isEqualTo("PENDING");
        assertThat(waiting.path("reason_detail").asString()).isEqualTo("wants the manager");
        clock.set(Instant.parse("2026-11-30T15:00:00Z"));
        t.run(Duration.ofSeconds(10));
        assertThat(t.attempts(id, "r0")).isEqualTo(2);
    }

    @Test
    void a_callback_the_calendar_pushes_past_the_batchs_expiry_is_refused_and_an_expired_batch_takes_none() {
        String id = t.batch(NEW_YORK_6_TO_18, Map.of("expires_on", "2026-12-01T05:00:00Z"), "+15125550640");
        t.run(Duration.ofSeconds(30));
        assertThat(t.status(id, "r0")).isEqualTo("COMPLETED");

        var r = t.callback(id, "r0", "2026-11-30T19:30:00-05:00", "tonight");

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        var detail = r.json().path("detail").get(0);
        assertThat(detail.path("loc").toString()).isEqualTo("[\"body\",\"at\"]");
        assertThat(detail.path("msg").asString())
                .contains("expires at 2026-12-01T05:00:00Z")
                .contains("first allowed moment for this request is 2026-12-01T11:00:00Z");
        assertThat(t.status(id, "r0")).as("nothing changed").isEqualTo("COMPLETED");

        clock.set(Instant.parse("2026-12-01T05:00:01Z"));
        var late = t.callback(id, "r0", "2026-12-01T12:00:00Z", "");
        assertThat(late.status()).as(late.body()).isEqualTo(409);
    }

    private Instant attemptStartedAt(String batchId, int attemptNo) {
        var attempts = t.api()
                .get(Callbacks.BATCHES + batchId + "/requests/r0/attempts")
                .json();
        return Instant.parse(attempts.get(attemptNo - 1).path("started_at").asString());
    }

    private long ledgerRows() {
        return jdbc.sql("SELECT COUNT(*) FROM contact_attempt a JOIN request r ON r.id = a.request_id"
                        + " WHERE r.target = '+15125550620'")
                .query(Long.class)
                .single();
    }
}
