package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.batch.BatchStatus;
import dev.outbound.batch.DialableBatch;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.Campaigns;
import dev.outbound.request.ClaimWant;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.Claims;
import dev.outbound.request.Outcomes;
import dev.outbound.request.RequestReason;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
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
 * Four dispatchers claim, at the same moment and again and again, from four batches of two
 * campaigns with a capacity each (3 and 5) in an organization with one of its own (6), and end the
 * attempts they claimed only after they looked: no one ever sees more attempts in progress than a
 * campaign or the organization allows. The guarantee comes from the
 * capacity row locked in the claiming transaction; without it each dispatcher counts the others'
 * uncommitted claims as absent and both fill the same free places.
 */
@StoreTest
@Import(DispatchTestConfig.class)
class CapacityRaceTest {
    private static final int ROWS = 30;

    @LocalServerPort
    int port;

    @Autowired
    Claims claims;

    @Autowired
    Outcomes outcomes;

    @Autowired
    Eligibility eligibility;

    @Autowired
    Campaigns campaigns;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        clock.set(DispatchTestConfig.START);
    }

    @Test
    void four_dispatchers_never_have_more_attempts_in_progress_than_a_campaign_allows() throws Exception {
        var api = Api.at(port);
        long small = Fixtures.createCampaign(api);
        long large = Fixtures.createCampaign(api);
        var limits = Map.of(small, 3, large, 5);
        var grants = new HashMap<Long, Grant>();
        for (long campaign : List.of(small, large, small, large)) {
            Grant g = grant(api, campaign, limits.getOrDefault(campaign, 0));
            grants.put(g.batch().pk(), g);
        }
        var policy = api.put("/api/v1/outbound/policy", Map.of("max_concurrent", 6));
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        var wants = grants.values().stream()
                .map(g -> new ClaimWant(g.batch().pk(), 4, null))
                .toList();

        var mostSeen = new ConcurrentHashMap<Long, Integer>();
        var barrier = new CyclicBarrier(4);
        var pool = Executors.newFixedThreadPool(4);
        var tasks = new ArrayList<Callable<Integer>>();
        for (int n = 0; n < 4; n++) {
            String node = "node-" + n;
            tasks.add(() -> {
                barrier.await();
                int claimedHere = 0;
                while (pending(grants.keySet()) > 0) {
                    var got = claims.claimAll(wants, node, clock.instant().plusSeconds(60), eligibility.gate(grants));
                    // Looked at after the claim committed and before its attempts end: every
                    // attempt in progress anywhere is in the count.
                    var seen = inProgressByCampaign(grants.keySet());
                    seen.forEach((campaign, now) -> mostSeen.merge(campaign, now, Math::max));
                    mostSeen.merge(0L, seen.values().stream().mapToInt(i -> i).sum(), Math::max);
                    for (List<ClaimedRequest> theirs : got.values()) {
                        for (ClaimedRequest c : theirs) {
                            claimedHere++;
                            // Ends the attempt (one counter write: skipClaimed's two, on random
                            // stripes, can deadlock with each other) and puts it out of reach.
                            outcomes.postponeClaimed(
                                    c, clock.instant().plus(Duration.ofDays(1)), RequestReason.FILTERED, "done");
                        }
                    }
                    Thread.onSpinWait();
                }
                return claimedHere;
            });
        }
        int claimed = 0;
        for (Future<Integer> f : pool.invokeAll(tasks)) {
            claimed += f.get();
        }
        pool.shutdown();

        assertThat(claimed).isEqualTo(4 * ROWS);
        assertThat(mostSeen.get(small)).isBetween(1, 3);
        assertThat(mostSeen.get(large)).isBetween(1, 5);
        assertThat(mostSeen.get(0L)).as("the organization").isBetween(1, 6);
    }

    @AfterEach
    void liftTheLimit() {
        Api.at(port).put("/api/v1/outbound/policy", Map.of());
    }

    private long pending(java.util.Set<Long> batchPks) {
        return jdbc.sql(
                        "SELECT COUNT(*) FROM request WHERE batch_pk IN (:pks) AND status = 'PENDING' AND due_at <= :now")
                .param("pks", batchPks)
                .param("now", dev.outbound.store.Instants.toDb(clock.instant()))
                .query(Long.class)
                .single();
    }

    private Map<Long, Integer> inProgressByCampaign(java.util.Set<Long> batchPks) {
        var out = new HashMap<Long, Integer>();
        jdbc.sql("""
                        SELECT b.campaign_id, COUNT(*) FROM request r JOIN batch b ON b.pk = r.batch_pk
                        WHERE r.batch_pk IN (:pks) AND r.status IN ('INITIATED', 'CONNECTED') GROUP BY b.campaign_id
                        """).param("pks", batchPks).query(rs -> {
            out.put(rs.getLong(1), rs.getInt(2));
        });
        return out;
    }

    private Grant grant(Api api, long campaignId, int maxConcurrent) {
        String batchId = Fixtures.createBatch(api, campaignId);
        var upload = api.upload(
                "/api/v1/outbound/batches/" + batchId + "/upload_batch", "people.csv", Fixtures.aCallList(ROWS));
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        var row = jdbc.sql("SELECT pk, organization_id FROM batch WHERE batch_id = :id")
                .param("id", batchId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        var batch = new DialableBatch(
                row[0], row[1], batchId, campaignId, BatchStatus.ACTIVE, null, false, null, null, null);
        CampaignRules rules = withMaxConcurrent(campaigns.rules(row[1], campaignId), maxConcurrent);
        return new Grant(batch, rules, 4, null, null, clock.instant());
    }

    static CampaignRules withMaxConcurrent(CampaignRules r, int maxConcurrent) {
        return new CampaignRules(
                r.id(),
                r.organizationId(),
                r.mode(),
                r.timezone(),
                r.hoursIn(),
                r.activeDays(),
                r.dailyStart(),
                r.dailyEnd(),
                r.hourlyRate(),
                r.maxDailyCalls(),
                r.retryCount(),
                r.retryInterval(),
                r.targeting(),
                r.contactLimit(),
                r.duplicateTargets(),
                r.retryRules(),
                r.restrictedDates(),
                maxConcurrent);
    }
}
