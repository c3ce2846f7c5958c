package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.outbound.request.ClaimGate;
import dev.outbound.request.ClaimWant;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.Claims;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import dev.outbound.testing.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Several dispatchers on one PostgreSQL: every request is attempted exactly once. */
@StoreTest
@Import(DispatchTestConfig.class)
class DispatchRaceTest {
    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Claims lifecycle;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void onlyOnPostgres() {
        assumeThat(TestStores.postgres()).as("several nodes need PostgreSQL").isTrue();
        clock.set(DispatchTestConfig.START);
    }

    private long batchWith(int rows) {
        var api = Api.at(port);
        var campaign = Fixtures.aMinimalCampaign();
        campaign.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        campaign.put("hourly_rate", 3600);
        long campaignId = api.post("/api/v1/outbound/campaigns", campaign)
                .json()
                .path("id")
                .asLong();
        String batchId = Fixtures.createBatch(api, campaignId);
        api.upload("/api/v1/outbound/batches/" + batchId + "/upload_batch", "x.csv", Fixtures.aCallList(rows));
        return jdbc.sql("SELECT pk FROM batch WHERE batch_id = :id")
                .param("id", batchId)
                .query(Long.class)
                .single();
    }

    private long count(String sql, long batchPk) {
        return jdbc.sql(sql).param("pk", batchPk).query(Long.class).single();
    }

    @Test
    void concurrent_claims_from_four_nodes_take_each_request_once() throws Exception {
        long batchPk = batchWith(400);
        var claimed = new ConcurrentLinkedQueue<Long>();
        var barrier = new CyclicBarrier(4);
        var pool = Executors.newFixedThreadPool(4);
        var tasks = new ArrayList<Callable<Void>>();
        for (int n = 0; n < 4; n++) {
            String node = "node-" + n;
            tasks.add(() -> {
                barrier.await();
                List<ClaimedRequest> got;
                do {
                    got = lifecycle.claim(batchPk, 7, node, clock.instant().plusSeconds(60), null, ClaimGate.OPEN);
                    got.forEach(c -> claimed.add(c.id()));
                } while (!got.isEmpty());
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        pool.shutdown();
        assertThat(claimed).hasSize(400);
        assertThat(new HashSet<>(claimed)).hasSize(400);
        assertThat(count("SELECT COUNT(*) FROM request WHERE batch_pk = :pk AND status = 'PENDING'", batchPk))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM request_attempt a JOIN request r ON r.id = a.request_id WHERE r.batch_pk = :pk",
                        batchPk))
                .isEqualTo(400);
    }

    @Test
    void claims_across_several_batches_take_each_request_once_and_never_more_than_a_batch_asked_for() throws Exception {
        var wants = new ArrayList<ClaimWant>();
        for (int b = 0; b < 5; b++) {
            wants.add(new ClaimWant(batchWith(60), 3 + b, null));
        }
        var claimed = new ConcurrentLinkedQueue<Long>();
        var overLimit = new ConcurrentLinkedQueue<String>();
        var barrier = new CyclicBarrier(4);
        var pool = Executors.newFixedThreadPool(4);
        var tasks = new ArrayList<Callable<Void>>();
        for (int n = 0; n < 4; n++) {
            String node = "node-" + n;
            tasks.add(() -> {
                barrier.await();
                Map<Long, List<ClaimedRequest>> got;
                do {
                    got = lifecycle.claimAll(wants, node, clock.instant().plusSeconds(60), ClaimGate.OPEN);
                    for (ClaimWant w : wants) {
                        int n2 = got.getOrDefault(w.batchPk(), List.of()).size();
                        if (n2 > w.limit()) {
                            overLimit.add(w.batchPk() + ": " + n2 + " > " + w.limit());
                        }
                    }
                    got.values().forEach(list -> list.forEach(c -> claimed.add(c.id())));
                } while (!got.isEmpty());
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        pool.shutdown();
        assertThat(overLimit).isEmpty();
        assertThat(claimed).hasSize(300);
        assertThat(new HashSet<>(claimed)).hasSize(300);
        for (ClaimWant w : wants) {
            assertThat(count("SELECT COUNT(*) FROM request WHERE batch_pk = :pk AND status = 'INITIATED'", w.batchPk()))
                    .isEqualTo(60);
        }
    }

    @Test
    void three_dispatchers_ticking_together_attempt_every_request_exactly_once() throws Exception {
        List<Long> batchPks = List.of(batchWith(120), batchWith(120), batchWith(120));
        var pool = Executors.newFixedThreadPool(3);
        for (int second = 0; second < 200; second++) {
            var ticks = new ArrayList<Callable<Integer>>();
            for (int n = 0; n < 3; n++) {
                ticks.add(dispatcher::tick);
            }
            for (Future<Integer> f : pool.invokeAll(ticks)) {
                f.get();
            }
            clock.advance(Duration.ofSeconds(1));
        }
        pool.shutdown();
        dispatcher.tick();
        for (long batchPk : batchPks) {
            assertThat(count("SELECT COUNT(*) FROM request WHERE batch_pk = :pk", batchPk))
                    .isEqualTo(120);
            assertThat(count("SELECT SUM(attempt_count) FROM request WHERE batch_pk = :pk", batchPk))
                    .isEqualTo(120);
            assertThat(count(
                            "SELECT COUNT(*) FROM request WHERE batch_pk = :pk AND status IN ('COMPLETED', 'FAILED')",
                            batchPk))
                    .isEqualTo(120);
            assertThat(count(
                            "SELECT COUNT(*) FROM request_attempt a JOIN request r ON r.id = a.request_id WHERE r.batch_pk = :pk",
                            batchPk))
                    .isEqualTo(120);
        }
    }
}
