package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.batch.BatchStatus;
import dev.outbound.batch.DialableBatch;
import dev.outbound.campaign.Campaigns;
import dev.outbound.contact.ContactLimit;
import dev.outbound.policy.Policies;
import dev.outbound.request.ClaimWant;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.Claims;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * Four dispatchers claim, at the same moment and again and again, from four batches (of two
 * campaigns) that hold the same people: no person ever gets more attempts than the limit allows.
 * The guarantee comes from the per-person row lock taken in the claiming transaction; without it
 * each dispatcher counts the others' uncommitted attempts as absent and the limit is overrun.
 */
@StoreTest
@Import(DispatchTestConfig.class)
class ContactLimitRaceTest {
    private static final int PEOPLE = 40;
    private static final int LIMIT = 2;

    @LocalServerPort
    int port;

    @Autowired
    Claims claims;

    @Autowired
    Eligibility eligibility;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Policies policies;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    private long organization;

    @BeforeEach
    void setUp() {
        clock.set(DispatchTestConfig.START);
    }

    @AfterEach
    void liftTheLimit() {
        policies.setOrganizationLimit(organization, null, "test");
    }

    @Test
    void four_dispatchers_claiming_batches_that_share_people_never_exceed_a_limit() throws Exception {
        var api = Api.at(port);
        long first = Fixtures.createCampaign(api);
        long second = Fixtures.createCampaign(api);
        var grants = new HashMap<Long, Grant>();
        for (long campaign : List.of(first, second, first, second)) {
            Grant g = grant(api, campaign);
            grants.put(g.batch().pk(), g);
        }
        organization = grants.values().iterator().next().rules().organizationId();
        policies.setOrganizationLimit(organization, new ContactLimit(LIMIT, 7, null), "test");
        var wants = grants.values().stream()
                .map(g -> new ClaimWant(g.batch().pk(), 7, null))
                .toList();

        var claimed = new ConcurrentLinkedQueue<ClaimedRequest>();
        var barrier = new CyclicBarrier(4);
        var pool = Executors.newFixedThreadPool(4);
        var tasks = new ArrayList<Callable<Void>>();
        for (int n = 0; n < 4; n++) {
            String node = "node-" + n;
            tasks.add(() -> {
                barrier.await();
                Map<Long, List<ClaimedRequest>> got;
                do {
                    got = claims.claimAll(wants, node, clock.instant().plusSeconds(60), eligibility.gate(grants));
                    got.values().forEach(claimed::addAll);
                } while (!got.isEmpty());
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        pool.shutdown();

        var perPerson = new HashMap<String, Integer>();
        claimed.forEach(c -> perPerson.merge(c.target(), 1, Integer::sum));
        assertThat(perPerson)
                .hasSize(PEOPLE)
                .allSatisfy(
                        (person, attempts) -> assertThat(attempts).as(person).isEqualTo(LIMIT));
        assertThat(count("SELECT COUNT(*) FROM contact_attempt WHERE organization_id = :org"))
                .isEqualTo(PEOPLE * LIMIT);
        assertThat(count("""
                        SELECT COUNT(*) FROM request r JOIN batch b ON b.pk = r.batch_pk
                        WHERE b.organization_id = :org AND r.status = 'PENDING' AND r.reason = 'CONTACT_LIMIT'
                        """)).isEqualTo(PEOPLE * (4 - LIMIT));
    }

    private Grant grant(Api api, long campaignId) {
        String batchId = Fixtures.createBatch(api, campaignId);
        var upload = api.upload(
                "/api/v1/outbound/batches/" + batchId + "/upload_batch", "people.csv", Fixtures.aCallList(PEOPLE));
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        var row = jdbc.sql("SELECT pk, organization_id FROM batch WHERE batch_id = :id")
                .param("id", batchId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        var batch = new DialableBatch(
                row[0], row[1], batchId, campaignId, BatchStatus.ACTIVE, null, false, null, null, null);
        return new Grant(batch, campaigns.rules(row[1], campaignId), 7, null, null, clock.instant());
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("org", organization).query(Long.class).single();
    }
}
