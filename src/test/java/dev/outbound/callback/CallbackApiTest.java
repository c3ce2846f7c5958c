package dev.outbound.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.dispatch.Dispatcher;
import dev.outbound.suppression.SuppressionKind;
import dev.outbound.suppression.SuppressionSource;
import dev.outbound.suppression.Suppressions;
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

/** What the callback endpoint refuses, and why, with nothing changed. */
@StoreTest
@Import(CallbackTestConfig.class)
class CallbackApiTest {
    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Suppressions suppressions;

    Callbacks t;

    @BeforeEach
    void setUp() {
        clock.set(CallbackTestConfig.START);
        t = new Callbacks(Api.at(port), dispatcher, clock);
    }

    @Test
    void a_request_in_progress_is_refused_until_its_attempt_ends() {
        String id = t.batch(Map.of(), Map.of(), "+15125550700");
        dispatcher.tick();

        var r = t.callback(id, "r0", "2026-11-30T15:00:00Z", "later");

        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().path("detail").asString()).contains("in progress").contains("after its attempt ends");
        t.run(Duration.ofSeconds(30));
        assertThat(t.callback(id, "r0", "2026-11-30T15:00:00Z", "later").status())
                .isEqualTo(200);
    }

    @Test
    void a_suppressed_request_and_an_invalid_one_cannot_be_called_back() {
        String id = t.batch(Map.of(), Map.of(), "+15125550710", "not a number");
        suppressions.add(
                organization(), "+15125550710", SuppressionKind.UNSUBSCRIBED, SuppressionSource.API, null, "t");
        t.run(Duration.ofSeconds(5));
        assertThat(t.status(id, "r0")).isEqualTo("SKIPPED");

        var suppressed = t.callback(id, "r0", "2026-11-30T15:00:00Z", "");
        var invalid = t.callback(id, "r1", "2026-11-30T15:00:00Z", "");

        assertThat(suppressed.status()).as(suppressed.body()).isEqualTo(409);
        assertThat(suppressed.json().path("detail").asString()).contains("suppressed");
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(409);
        assertThat(invalid.json().path("detail").asString()).contains("is INVALID");
        assertThat(t.status(id, "r0")).isEqualTo("SKIPPED");
    }

    @Test
    void another_organizations_batch_and_an_unknown_reference_are_not_found() {
        String id = t.batch(Map.of(), Map.of(), "+15125550720");
        String email = "admin@callback-rival.example.com";
        var org =
                t.api().post("/api/v1/outbound/organizations", Map.of("name", "Callback rival", "admin_email", email));
        Api rival = t.api().withKey(org.json().path("admin_key").path("api_key").asString());

        var other = rival.post(Callbacks.BATCHES + id + "/requests/r0/callback", Map.of("at", "2026-11-30T15:00:00Z"));
        var unknown = t.callback(id, "nope", "2026-11-30T15:00:00Z", "");

        assertThat(other.status()).as(other.body()).isEqualTo(404);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asString()).contains("nope");
    }

    @Test
    void bad_input_is_refused_with_where_it_is_and_the_report_carrying_it_is_not_recorded() {
        String id = t.batch(Map.of(), Map.of(), "+15125550730");
        String path = Callbacks.BATCHES + id + "/requests/r0/callback";

        assertThat(loc(t.api().post(path, Map.of("note", "x")))).isEqualTo("[\"body\",\"at\"]");
        assertThat(loc(t.callback(id, "r0", "2026-12-07T15:00:00", ""))).isEqualTo("[\"body\",\"at\"]");
        assertThat(loc(t.callback(id, "r0", "2026-11-30T11:58:00Z", ""))).isEqualTo("[\"body\",\"at\"]");
        assertThat(loc(t.callback(id, "r0", "2026-11-30T15:00:00Z", "x".repeat(501))))
                .isEqualTo("[\"body\",\"note\"]");
        var report = t.api()
                .post(
                        Callbacks.BATCHES + id + "/requests/r0/conversation",
                        Map.of("session_id", 7, "callback", Map.of("at", "tomorrow")));
        assertThat(loc(report)).isEqualTo("[\"body\",\"callback\",\"at\"]");
        assertThat(t.result(id, "r0").path("session_id").isNull()).isTrue();
    }

    @Test
    void a_waiting_request_moves_to_the_callback_and_a_time_just_past_means_now() {
        String id = t.batch(Map.of(), Map.of("paused", true), "+15125550740", "+15125550741");

        var soon = t.callback(id, "r0", "2026-11-30T11:59:30Z", "");
        var later = t.callback(id, "r1", "2026-12-02T09:00:00Z", "");

        assertThat(Instant.parse(soon.json().path("due_at").asString())).isEqualTo(CallbackTestConfig.START);
        assertThat(soon.json().path("reason_detail").isNull()).isTrue();
        assertThat(Instant.parse(later.json().path("due_at").asString()))
                .isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
        assertThat(t.api().put(Callbacks.BATCHES + id, Map.of("paused", false)).status())
                .isEqualTo(200);
        t.run(Duration.ofSeconds(10));
        assertThat(t.attempts(id, "r0")).isEqualTo(1);
        assertThat(t.attempts(id, "r1")).as("waits for its callback").isZero();
    }

    private static String loc(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        return r.json().path("detail").get(0).path("loc").toString();
    }

    private long organization() {
        return jdbc.sql("SELECT id FROM organization ORDER BY id LIMIT 1")
                .query(Long.class)
                .single();
    }
}
