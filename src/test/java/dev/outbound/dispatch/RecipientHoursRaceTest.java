package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.batch.BatchStatus;
import dev.outbound.batch.DialableBatch;
import dev.outbound.campaign.Campaigns;
import dev.outbound.request.ClaimWant;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.Claims;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Four dispatchers claim, at the same moment and again and again, while the clock passes the end
 * of a recipient rule's hours (Florida until 20:00): each claim moves the clock on a little, so
 * some claims fall before the end and some after. No Florida number is ever attempted at or after
 * 20:00, every Florida number not attempted before is held saying why, and Georgia numbers in the
 * same batches are attempted throughout.
 */
@StoreTest
@Import(DispatchTestConfig.class)
class RecipientHoursRaceTest {
    private static final int PAIRS = 20;
    private static final Instant FLORIDA_CLOSES = Instant.parse("2026-12-01T01:00:00Z"); // 20:00 in Miami
    private static final Duration STEP = Duration.ofMillis(50);

    @LocalServerPort
    int port;

    @Autowired
    Claims claims;

    @Autowired
    Eligibility eligibility;

    @Autowired
    Campaigns campaigns;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    private Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    @AfterEach
    void clearThePolicy() {
        api.put("/api/v1/outbound/policy", Map.of());
    }

    @Test
    void four_dispatchers_never_attempt_a_recipient_outside_its_rules_hours() throws Exception {
        var florida = Map.of("region", "US-FL", "daily_start_time", "08:00", "daily_end_time", "20:00");
        var put = api.put("/api/v1/outbound/policy", Map.of("recipient_rules", List.of(florida)));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        var body = Fixtures.aMinimalCampaign();
        body.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        body.put("timezone", "America/New_York");
        var created = api.post("/api/v1/outbound/campaigns", body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        long campaign = created.json().path("id").asLong();
        var grants = new HashMap<Long, Grant>();
        for (int n = 0; n < 4; n++) {
            Grant g = grant(campaign);
            grants.put(g.batch().pk(), g);
        }
        var wants = grants.values().stream()
                .map(g -> new ClaimWant(g.batch().pk(), 2, null))
                .toList();
        clock.set(FLORIDA_CLOSES.minus(STEP.multipliedBy(12)));

        var barrier = new CyclicBarrier(4);
        var pool = Executors.newFixedThreadPool(4);
        var tasks = new ArrayList<Callable<Void>>();
        for (int n = 0; n < 4; n++) {
            String node = "node-" + n;
            tasks.add(() -> {
                barrier.await();
                Map<Long, List<ClaimedRequest>> got;
                do {
                    clock.advance(STEP);
                    got = claims.claimAll(wants, node, clock.instant().plusSeconds(60), eligibility.gate(grants));
                } while (!got.isEmpty());
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        pool.shutdown();

        List<Instant> floridaAttempts = startedAt("+1305%");
        assertThat(floridaAttempts)
                .as("some Florida numbers were reached before 20:00")
                .isNotEmpty()
                .allSatisfy(at -> assertThat(at).isBefore(FLORIDA_CLOSES));
        assertThat(count("""
                        SELECT COUNT(*) FROM request WHERE target LIKE '+1305%' AND status = 'PENDING'
                        AND attempt_count = 0 AND reason = 'OUTSIDE_RECIPIENT_HOURS'
                        """))
                .as("and the others are held, saying why")
                .isEqualTo(4L * PAIRS - floridaAttempts.size())
                .isPositive();
        assertThat(startedAt("+1404%")).hasSize(4 * PAIRS);
        assertThat(startedAt("+1404%")).anySatisfy(at -> assertThat(at).isAfter(FLORIDA_CLOSES));
    }

    private Grant grant(long campaignId) {
        String batchId = Fixtures.createBatch(api, campaignId);
        var csv = new StringBuilder("reference_id,target,state\n");
        for (int i = 0; i < PAIRS; i++) {
            csv.append("fl-%d,+1305555%04d,FL\n".formatted(i, 1000 + i));
            csv.append("ga-%d,+1404555%04d,GA\n".formatted(i, 1000 + i));
        }
        var upload = api.upload("/api/v1/outbound/batches/" + batchId + "/upload_batch", "people.csv", csv.toString());
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        var row = jdbc.sql("SELECT pk, organization_id FROM batch WHERE batch_id = :id")
                .param("id", batchId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        var batch = new DialableBatch(
                row[0], row[1], batchId, campaignId, BatchStatus.ACTIVE, null, false, null, null, null);
        return new Grant(batch, campaigns.rules(row[1], campaignId), 2, null, null, clock.instant());
    }

    private List<Instant> startedAt(String targets) {
        return jdbc.sql("""
                        SELECT a.started_at FROM request_attempt a JOIN request r ON r.id = a.request_id
                        WHERE r.target LIKE :targets
                        """).param("targets", targets).query(OffsetDateTime.class).list().stream()
                .map(OffsetDateTime::toInstant)
                .toList();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
