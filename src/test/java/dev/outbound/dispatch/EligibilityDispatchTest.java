package dev.outbound.dispatch;

import static dev.outbound.testing.CampaignBuilder.aCampaign;
import static dev.outbound.testing.CampaignBuilder.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.contact.ContactLimit;
import dev.outbound.policy.Policies;
import dev.outbound.suppression.SuppressionKind;
import dev.outbound.suppression.SuppressionSource;
import dev.outbound.suppression.Suppressions;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.Produces;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Suppression and contact limits as the dispatcher applies them, tick by tick on the test clock:
 * each rule is read in the claiming transaction, and every request it stops says why.
 */
@StoreTest
@Import(DispatchTestConfig.class)
@TestPropertySource(properties = {"outbound.webhooks.allow-private=true", "outbound.webhooks.enabled=false"})
class EligibilityDispatchTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";

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

    @Autowired
    Policies policies;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(DispatchTestConfig.START);
    }

    @AfterEach
    void liftTheLimit() {
        policies.setOrganizationLimit(organization(), null, "test");
    }

    @Test
    void an_entry_added_after_the_upload_and_before_the_claim_holds_and_gives_its_slot_back() {
        String id = Fixtures.dialableBatch(api, Map.of(), "+15125550200", "+15125550201", "+15125550202");
        suppressions.add(
                organization(), "+1 512-555-0200", SuppressionKind.BOUNCED, SuppressionSource.API, "bounce", "test");

        dispatcher.tick();

        var results = BatchResults.of(api, id);
        assertThat(results.get("r0").path("request_status").asString()).isEqualTo("SKIPPED");
        assertThat(results.get("r0").path("channel_manager_status").asString()).isEqualTo("PRIOR_BOUNCED");
        assertThat(results.get("r0").path("attempt_count").asInt()).isZero();
        assertThat(reason(id, "r0")).containsExactly("SUPPRESSED", "on the suppression list (bounced)");
        int attemptedInTheFirstTick = results.get("r1").path("attempt_count").asInt()
                + results.get("r2").path("attempt_count").asInt();
        assertThat(attemptedInTheFirstTick)
                .as("the skipped request's slot went to the next one")
                .isEqualTo(slotsOfTheFirstTick());
        var batch = api.get(BATCHES + id).json();
        assertThat(batch.path("status_counts").path("SKIPPED").asInt()).isEqualTo(1);
        assertThat(batch.path("detailed_status_counts")
                        .path("SKIPPED")
                        .path("counts")
                        .path("PRIOR_BOUNCED")
                        .asInt())
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM request_attempt a JOIN request r ON r.id = a.request_id"
                        + " WHERE r.target = '+15125550200'"))
                .as("a suppressed request leaves no attempt")
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(SuppressionKind.class)
    @Produces({
        ChannelManagerStatus.PRIOR_UNSUBSCRIBED,
        ChannelManagerStatus.PRIOR_BOUNCED,
        ChannelManagerStatus.PRIOR_SPAM_REPORT,
        ChannelManagerStatus.PRIOR_DROPPED
    })
    void an_entry_of_each_kind_skips_its_request_with_the_matching_prior_status(SuppressionKind kind) {
        String target = "+1512555030" + kind.ordinal();
        String id = Fixtures.dialableBatch(api, Map.of(), target);
        suppressions.add(organization(), target, kind, SuppressionSource.API, null, "test");

        dispatcher.tick();

        var r0 = BatchResults.of(api, id).get("r0");
        assertThat(r0.path("request_status").asString()).isEqualTo("SKIPPED");
        assertThat(r0.path("channel_manager_status").asString())
                .isEqualTo(kind.prior().wire());
    }

    @Test
    void a_suppressed_request_fires_the_webhooks_that_ask_for_its_prior_status() {
        var body = aCampaign()
                .with("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
                .with("hourly_rate", 3600)
                .withWebhook(aWebhook()
                        .to("http://127.0.0.1:9/hooks")
                        .with("trigger_statuses", List.of("PRIOR_UNSUBSCRIBED")))
                .build();
        long campaign =
                api.post("/api/v1/outbound/campaigns", body).json().path("id").asLong();
        String id = batch(campaign, "reference_id,target\nr0,+15125550210\n");
        suppressions.add(
                organization(), "+15125550210", SuppressionKind.UNSUBSCRIBED, SuppressionSource.API, null, "t");

        dispatcher.tick();

        var payload = jdbc.sql("SELECT payload FROM webhook_event WHERE campaign_id = :c AND channel_status = :s")
                .param("c", campaign)
                .param("s", "PRIOR_UNSUBSCRIBED")
                .query(String.class)
                .single();
        var event = tools.jackson.databind.json.JsonMapper.builder().build().readTree(payload);
        assertThat(event.path("request_status").asString()).isEqualTo("SKIPPED");
        assertThat(event.path("previous_request_status").asString()).isEqualTo("PENDING");
        assertThat(event.path("attempt_count").asInt())
                .as("the payload reads the request as the skip left it")
                .isZero();
        assertThat(event.path("reason").asString()).isEqualTo("SUPPRESSED");
        assertThat(BatchResults.of(api, id).get("r0").path("request_status").asString())
                .isEqualTo("SKIPPED");
    }

    @Test
    void attempts_are_counted_per_person_across_campaigns_and_a_held_request_waits_until_the_window_allows() {
        policies.setOrganizationLimit(organization(), new ContactLimit(2, 7, null), "test");
        String first = Fixtures.dialableBatch(api, Map.of(), "+15125550300", "+15125550300");
        run(Duration.ofSeconds(30));
        Instant firstAttempt = firstAttemptAt("+15125550300");
        String second = Fixtures.dialableBatch(api, Map.of(), "+15125550300");

        run(Duration.ofSeconds(30));

        assertThat(BatchResults.of(api, first).values())
                .allSatisfy(r -> assertThat(r.path("attempt_count").asInt()).isEqualTo(1));
        var held = BatchResults.of(api, second).get("r0");
        assertThat(held.path("request_status").asString()).isEqualTo("PENDING");
        assertThat(held.path("attempt_count").asInt()).isZero();
        assertThat(reason(second, "r0")).first().isEqualTo("CONTACT_LIMIT");
        assertThat(reason(second, "r0").get(1)).startsWith("2 attempts in 7 days; next allowed ");
        assertThat(dueAt(second, "r0")).isEqualTo(firstAttempt.plus(Duration.ofDays(7)));

        clock.set(firstAttempt.plus(Duration.ofDays(7)).minusSeconds(5));
        run(Duration.ofSeconds(3));
        assertThat(BatchResults.of(api, second).get("r0").path("attempt_count").asInt())
                .as("still inside the window")
                .isZero();
        run(Duration.ofSeconds(30));
        assertThat(BatchResults.of(api, second).get("r0").path("attempt_count").asInt())
                .isEqualTo(1);
    }

    @Test
    void a_campaigns_own_limit_counts_what_other_campaigns_of_the_organization_did() {
        String unlimited = Fixtures.dialableBatch(api, Map.of(), "+15125550350");
        run(Duration.ofSeconds(10));
        var limit = Map.of("max_attempts", 1, "days", 1);
        String limited = Fixtures.dialableBatch(api, Map.of("contact_limit", limit), "+15125550350", "+15125550351");

        run(Duration.ofSeconds(30));

        assertThat(BatchResults.of(api, unlimited)
                        .get("r0")
                        .path("attempt_count")
                        .asInt())
                .isEqualTo(1);
        var results = BatchResults.of(api, limited);
        assertThat(results.get("r0").path("attempt_count").asInt()).isZero();
        assertThat(results.get("r0").path("reason").asString()).isEqualTo("CONTACT_LIMIT");
        assertThat(results.get("r0").path("reason_detail").asString()).startsWith("1 attempt in 1 day; next allowed ");
        assertThat(results.get("r1").path("attempt_count").asInt()).isEqualTo(1);
        assertThat(results.get("r1").path("reason").isNull()).isTrue();
    }

    @Test
    void a_contact_id_makes_two_numbers_one_person() {
        policies.setOrganizationLimit(organization(), new ContactLimit(1, 1, null), "test");
        String id = batch(
                everyDayCampaign(),
                "reference_id,target,contact_id\nr0,+15125550400,debtor-1\nr1,+15125550401,debtor-1\n"
                        + "r2,+15125550402,debtor-2\n");

        run(Duration.ofSeconds(30));

        var results = BatchResults.of(api, id);
        assertThat(results.get("r0").path("attempt_count").asInt()).isEqualTo(1);
        assertThat(results.get("r1").path("attempt_count").asInt()).isZero();
        assertThat(results.get("r2").path("attempt_count").asInt()).isEqualTo(1);
        assertThat(reason(id, "r1")).first().isEqualTo("CONTACT_LIMIT");
    }

    @Test
    void a_call_answered_by_a_person_opens_a_quiet_period_and_one_answered_by_a_machine_does_not() {
        policies.setOrganizationLimit(organization(), new ContactLimit(null, null, 3), "test");
        Fixtures.dialableBatch(api, Map.of(), "+15125550500", "+15125550509");
        run(Duration.ofMinutes(3));

        String later = Fixtures.dialableBatch(api, Map.of(), "+15125550500", "+15125550509");
        run(Duration.ofSeconds(30));

        var results = BatchResults.of(api, later);
        assertThat(results.get("r0").path("attempt_count").asInt()).isZero();
        assertThat(reason(later, "r0")).first().isEqualTo("AFTER_CONVERSATION");
        assertThat(reason(later, "r0").get(1)).contains("quiet for 3 days");
        assertThat(results.get("r1").path("attempt_count").asInt()).isEqualTo(1);
    }

    private void run(Duration total) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }
        dispatcher.tick();
    }

    private String batch(long campaignId, String csv) {
        var body = Fixtures.aBatchFor(campaignId);
        var r = api.post("/api/v1/outbound/batches", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String id = String.valueOf(body.get("batch_id"));
        var upload = api.upload(BATCHES + id + "/upload_batch", "list.csv", csv);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        return id;
    }

    private long everyDayCampaign() {
        var body = Fixtures.aMinimalCampaign();
        body.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        body.put("hourly_rate", 3600);
        var r = api.post("/api/v1/outbound/campaigns", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    /** The first tick's slots of a fresh batch at 3600/h, as the same batch without rules gets them. */
    private int slotsOfTheFirstTick() {
        String plain = Fixtures.dialableBatch(api, Map.of(), "+15125550220", "+15125550221", "+15125550222");
        dispatcher.tick();
        int n = 0;
        for (var r : BatchResults.of(api, plain).values()) {
            n += r.path("attempt_count").asInt();
        }
        return n;
    }

    private long organization() {
        return jdbc.sql("SELECT id FROM organization ORDER BY id LIMIT 1")
                .query(Long.class)
                .single();
    }

    private List<String> reason(String batchId, String ref) {
        return jdbc.sql("""
                        SELECT r.reason, r.reason_detail FROM request r JOIN batch b ON b.pk = r.batch_pk
                        WHERE b.batch_id = :batch AND r.reference_id = :ref
                        """)
                .param("batch", batchId)
                .param("ref", ref)
                .query((rs, n) ->
                        java.util.Arrays.asList(String.valueOf(rs.getString(1)), String.valueOf(rs.getString(2))))
                .single();
    }

    private Instant dueAt(String batchId, String ref) {
        return jdbc.sql("""
                        SELECT r.due_at FROM request r JOIN batch b ON b.pk = r.batch_pk
                        WHERE b.batch_id = :batch AND r.reference_id = :ref
                        """)
                .param("batch", batchId)
                .param("ref", ref)
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant();
    }

    private Instant firstAttemptAt(String target) {
        return jdbc.sql("""
                        SELECT MIN(a.started_at) FROM request_attempt a JOIN request r ON r.id = a.request_id
                        WHERE r.target = :target
                        """)
                .param("target", target)
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
