package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Leases of calls in flight are renewed at half their life, so a long call is never taken back. */
@StoreTest
@Import(DispatchTestConfig.class)
@TestPropertySource(properties = "outbound.dispatch.lease=10s")
class LeaseRenewalTest {
    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_call_that_outlasts_its_lease_keeps_its_claim_and_is_dialled_once() {
        clock.set(DispatchTestConfig.START);
        var api = Api.at(port);
        var campaign = Fixtures.aMinimalCampaign();
        campaign.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        campaign.put("retry_count", 0);
        long campaignId = api.post("/api/v1/outbound/campaigns", campaign)
                .json()
                .path("id")
                .asLong();
        String batchId = Fixtures.createBatch(api, campaignId);
        // Last digit 8: the simulator rings for 30 s before NO-ANSWER, three leases long.
        api.upload(
                "/api/v1/outbound/batches/" + batchId + "/upload_batch",
                "x.csv",
                "reference_id,target\nr0,+15125550108\n");

        var leaseRenewals = new java.util.TreeSet<Instant>();
        Instant end = clock.instant().plusSeconds(45);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            jdbc.sql("SELECT lease_until FROM request WHERE lease_until IS NOT NULL")
                    .query(java.time.OffsetDateTime.class)
                    .list()
                    .forEach(t -> leaseRenewals.add(t.toInstant()));
            clock.advance(Duration.ofSeconds(1));
        }

        var result = api.get("/api/v1/outbound/batches/" + batchId + "/results")
                .json()
                .get(0);
        assertThat(result.path("channel_manager_status").asString()).isEqualTo("NO-ANSWER");
        assertThat(result.path("request_status").asString()).isEqualTo("FAILED");
        assertThat(result.path("attempt_count").asInt()).isEqualTo(1);
        // Renewed every 5 s (half the lease) rather than on every tick.
        assertThat(leaseRenewals).hasSizeBetween(5, 8);
    }
}
