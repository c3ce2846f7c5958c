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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Capacity as the dispatcher applies it, tick by tick on the test clock, with simulated calls that
 * last (answered +2 s, ended 5 s of talk later): the campaign's and the organization's
 * max_concurrent both hold, a request beyond them waits due with reason CAPACITY, and it is dialled
 * in the tick that sees an attempt end. Each test has an organization of its own, so no other
 * test's calls count toward its limits.
 */
@StoreTest
@Import(DispatchTestConfig.class)
@TestPropertySource(properties = {"outbound.webhooks.enabled=false", "outbound.simulator.talk-time=5s"})
class CapacityDispatchTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";

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
        clock.set(DispatchTestConfig.START);
        var org = Api.at(port)
                .post(
                        "/api/v1/outbound/organizations",
                        Map.of("name", "capacity-" + UUID.randomUUID(), "admin_email", "a@example.com"));
        assertThat(org.status()).as(org.body()).isEqualTo(200);
        api = Api.at(port).withKey(org.json().path("admin_key").path("api_key").asString());
    }

    @Test
    void with_two_calls_in_progress_the_third_waits_for_capacity_and_is_dialled_as_soon_as_one_ends() {
        String id = batch(campaign(2), "+15125550600", "+15125550601", "+15125550602");

        run(Duration.ofSeconds(4));

        var results = BatchResults.of(api, id);
        assertThat(results.get("r0").path("attempt_count").asInt()).isEqualTo(1);
        assertThat(results.get("r1").path("attempt_count").asInt()).isEqualTo(1);
        var third = results.get("r2");
        assertThat(third.path("request_status").asString()).isEqualTo("PENDING");
        assertThat(third.path("attempt_count").asInt()).isZero();
        assertThat(third.path("reason").asString()).isEqualTo("CAPACITY");
        assertThat(third.path("reason_detail").asString()).isEqualTo("2 of 2 attempts in progress (campaign)");
        assertThat(dueAt(id, "r2")).as("it stays due, in its place").isEqualTo(DispatchTestConfig.START);

        run(Duration.ofSeconds(30));

        Instant firstEnded = endedAt(id, "r0");
        assertThat(startedAt(id, "r2"))
                .as("dialled in the tick that saw r0 end")
                .isEqualTo(firstEnded);
        assertThat(BatchResults.of(api, id).values())
                .allSatisfy(r -> assertThat(r.path("request_status").asString()).isEqualTo("COMPLETED"));
        assertThat(BatchResults.of(api, id).get("r2").path("reason").isNull()).isTrue();
    }

    @Test
    void the_campaign_limit_and_the_organization_limit_both_hold() {
        var policy = api.put("/api/v1/outbound/policy", Map.of("max_concurrent", 3));
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        String limited = batch(campaign(1), "+15125550610", "+15125550611");
        String open = batch(campaign(null), "+15125550620", "+15125550621", "+15125550622");

        run(Duration.ofSeconds(4));

        var a = BatchResults.of(api, limited);
        var b = BatchResults.of(api, open);
        assertThat(a.get("r0").path("attempt_count").asInt()).isEqualTo(1);
        assertThat(a.get("r1").path("reason_detail").asString()).isEqualTo("1 of 1 attempts in progress (campaign)");
        assertThat(b.get("r0").path("attempt_count").asInt()).isEqualTo(1);
        assertThat(b.get("r1").path("attempt_count").asInt()).isEqualTo(1);
        assertThat(b.get("r2").path("reason").asString()).isEqualTo("CAPACITY");
        assertThat(b.get("r2").path("reason_detail").asString())
                .isEqualTo("3 of 3 attempts in progress (organization)");
        assertThat(inProgress()).isEqualTo(3);

        run(Duration.ofSeconds(40));

        for (var r : List.of(BatchResults.of(api, limited), BatchResults.of(api, open))) {
            assertThat(r.values())
                    .allSatisfy(
                            x -> assertThat(x.path("request_status").asString()).isEqualTo("COMPLETED"));
        }
    }

    /** Runs a tick a second; after every tick, the test's organization has at most 3 attempts in progress. */
    private void run(Duration total) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            assertThat(inProgress()).isLessThanOrEqualTo(3);
            clock.advance(Duration.ofSeconds(1));
        }
        dispatcher.tick();
    }

    private long campaign(@Nullable Integer maxConcurrent) {
        var body = Fixtures.aMinimalCampaign();
        body.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        body.put("hourly_rate", 3600);
        if (maxConcurrent != null) {
            body.put("max_concurrent", maxConcurrent);
        }
        var r = api.post("/api/v1/outbound/campaigns", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private String batch(long campaignId, String... targets) {
        var body = Fixtures.aBatchFor(campaignId);
        var r = api.post("/api/v1/outbound/batches", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String id = String.valueOf(body.get("batch_id"));
        var csv = new StringBuilder("reference_id,target\n");
        for (int i = 0; i < targets.length; i++) {
            csv.append('r').append(i).append(',').append(targets[i]).append('\n');
        }
        var upload = api.upload(BATCHES + id + "/upload_batch", "list.csv", csv.toString());
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        return id;
    }

    private long inProgress() {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM request r JOIN batch b ON b.pk = r.batch_pk
                        WHERE b.organization_id = (SELECT MAX(id) FROM organization)
                          AND r.status IN ('INITIATED', 'CONNECTED')
                        """).query(Long.class).single();
    }

    private Instant dueAt(String batchId, String ref) {
        return instant("SELECT r.due_at", batchId, ref, "");
    }

    private Instant startedAt(String batchId, String ref) {
        return instant("SELECT a.started_at", batchId, ref, " JOIN request_attempt a ON a.request_id = r.id");
    }

    private Instant endedAt(String batchId, String ref) {
        return instant("SELECT a.ended_at", batchId, ref, " JOIN request_attempt a ON a.request_id = r.id");
    }

    private Instant instant(String select, String batchId, String ref, String join) {
        return jdbc.sql(select + " FROM request r JOIN batch b ON b.pk = r.batch_pk" + join
                        + " WHERE b.batch_id = :batch AND r.reference_id = :ref")
                .param("batch", batchId)
                .param("ref", ref)
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }
}
