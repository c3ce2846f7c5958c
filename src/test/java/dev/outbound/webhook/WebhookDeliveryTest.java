package dev.outbound.webhook;

import static dev.outbound.testing.CampaignBuilder.aCampaign;
import static dev.outbound.testing.CampaignBuilder.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.dispatch.Dispatcher;
import dev.outbound.request.ClaimGate;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Status changes made by the real dispatcher with the simulator channel reach a local receiver,
 * signed, retried and in order; delivery rounds are run by the test with a settable clock.
 */
@StoreTest
@Import(WebhookTestConfig.class)
@TestPropertySource(properties = {"outbound.webhooks.allow-private=true", "outbound.webhooks.enabled=false"})
class WebhookDeliveryTest {
    private static final String SECRET_B64 = Base64.getEncoder()
            .encodeToString("a webhook secret of at least 32 bytes!".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry registry;

    @Autowired
    EventStatusWriter outbox;

    @Autowired
    dev.outbound.request.Claims lifecycle;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Api api;
    Receiver receiver;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(WebhookTestConfig.START);
        receiver = new Receiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** A campaign dialling at any hour with one webhook; answers (campaign id, webhook id). */
    private long[] campaignWithWebhook(String method, List<String> triggers, boolean signed) {
        var hook = aWebhook()
                .to(receiver.url("/hooks"))
                .with("request_method", method)
                .with("trigger_statuses", triggers)
                .withSecret(signed ? SECRET_B64 : null);
        var body = aCampaign()
                .with("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
                .with("hourly_rate", 3600)
                .withWebhook(hook)
                .build();
        var r = api.post("/api/v1/outbound/campaigns", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode c = r.json();
        return new long[] {
            c.path("id").asLong(), c.path("webhooks").get(0).path("id").asLong()
        };
    }

    private String batch(long campaignId, String... targets) {
        var body = Fixtures.aBatchFor(campaignId);
        assertThat(api.post("/api/v1/outbound/batches", body).status()).isEqualTo(200);
        String id = String.valueOf(body.get("batch_id"));
        var csv = new StringBuilder("reference_id,target,first_name\n");
        for (int i = 0; i < targets.length; i++) {
            csv.append("r")
                    .append(i)
                    .append(',')
                    .append(targets[i])
                    .append(",Ann")
                    .append(i)
                    .append('\n');
        }
        var upload = api.upload("/api/v1/outbound/batches/" + id + "/upload_batch", "list.csv", csv.toString());
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        return id;
    }

    /** Dispatcher ticks every second for {@code total} of clock time. */
    private void dispatch(Duration total) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }
        dispatcher.tick();
    }

    /** Delivery rounds until none has anything due at this instant. */
    private void deliverDue() {
        for (int i = 0; i < 100 && worker.runOnce() > 0; i++) {
            // a request's next event becomes due once the previous one is delivered
        }
    }

    private String log(long[] ids, String what) {
        return "/api/v1/outbound/campaigns/" + ids[0] + "/webhooks/" + ids[1] + "/" + what;
    }

    private static JsonNode body(Receiver.Call call) {
        return Api.json().readTree(call.body());
    }

    @Test
    void a_completed_call_reaches_the_receiver_signed_per_standard_webhooks() {
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), true);
        String batchId = batch(ids[0], "+15125550100");
        dispatch(Duration.ofMinutes(1));
        deliverDue();

        assertThat(receiver.calls()).hasSize(1);
        Receiver.Call call = receiver.calls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.header("content-type")).startsWith("application/json");
        var verifier = new StandardWebhooksVerifier(SECRET_B64);
        assertThat(verifier.verify(
                        call.header("webhook-id"),
                        call.header("webhook-timestamp"),
                        call.header("webhook-signature"),
                        call.body(),
                        clock.instant()))
                .isTrue();
        assertThat(verifier.verify(
                        call.header("webhook-id"),
                        call.header("webhook-timestamp"),
                        call.header("webhook-signature"),
                        call.body() + " ",
                        clock.instant()))
                .as("a changed body fails")
                .isFalse();

        JsonNode p = body(call);
        assertThat(p.path("event_id").asString()).isEqualTo(call.header("webhook-id"));
        assertThat(p.path("event_type").asString()).isEqualTo("request.status_changed");
        assertThat(p.path("occurred_at").asString()).isNotEmpty();
        assertThat(p.path("sequence").asInt()).isEqualTo(1);
        assertThat(p.path("webhook_id").asLong()).isEqualTo(ids[1]);
        assertThat(p.path("campaign_id").asLong()).isEqualTo(ids[0]);
        assertThat(p.path("batch_id").asString()).isEqualTo(batchId);
        assertThat(p.path("reference_id").asString()).isEqualTo("r0");
        assertThat(p.path("target").asString()).isEqualTo("+15125550100");
        assertThat(p.path("request_status").asString()).isEqualTo("COMPLETED");
        assertThat(p.path("channel_manager_status").asString()).isEqualTo("COMPLETED");
        assertThat(p.path("attempt_count").asInt()).isEqualTo(1);
        assertThat(p.path("sent_at").asString()).startsWith("2026-11-30T12:00");
        assertThat(p.path("request_variables").path("first_name").asString()).isEqualTo("Ann0");
        for (String field : List.of("line_type", "session_id", "conversation_id", "insights_status")) {
            assertThat(p.has(field)).as(field).isTrue();
        }

        JsonNode schema = api.get("/openapi.json")
                .json()
                .path("components")
                .path("schemas")
                .path("RequestStatusWebhook");
        assertThat(p.propertyNames())
                .as("documented fields")
                .isSubsetOf(schema.path("properties").propertyNames());
        schema.path("required")
                .forEach(f -> assertThat(p.has(f.asString())).as(f.asString()).isTrue());

        var events = api.get(log(ids, "events")).json();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("status").asString()).isEqualTo("DELIVERED");
        assertThat(events.get(0).path("last_status_code").asInt()).isEqualTo(200);
        assertThat(registry.counter("outbound.webhooks.delivered").count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.timer("outbound.webhooks.delivery").count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_webhook_without_a_secret_is_sent_unsigned_with_its_method() {
        long[] ids = campaignWithWebhook("PATCH", List.of("COMPLETED"), false);
        batch(ids[0], "+15125550101");
        dispatch(Duration.ofMinutes(1));
        deliverDue();

        assertThat(receiver.calls()).hasSize(1);
        Receiver.Call call = receiver.calls().get(0);
        assertThat(call.method()).isEqualTo("PATCH");
        assertThat(call.header("webhook-id")).isNotEmpty();
        assertThat(call.header("webhook-timestamp"))
                .isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(call.headers()).doesNotContainKey("webhook-signature");
    }

    @Test
    void a_receiver_that_answers_500_first_gets_the_same_event_again_with_the_same_id() {
        long[] ids = campaignWithWebhook("PUT", List.of("COMPLETED"), true);
        batch(ids[0], "+15125550102");
        dispatch(Duration.ofMinutes(1));
        receiver.answer(500);
        deliverDue();

        assertThat(receiver.calls()).hasSize(1);
        var attempts = api.get(log(ids, "attempts")).json();
        assertThat(attempts.get(0).path("status_code").asInt()).isEqualTo(500);
        assertThat(attempts.get(0).path("outcome").asString()).isEqualTo("RETRY");
        assertThat(attempts.get(0).path("latency_ms").isNumber()).isTrue();
        Instant next = Instant.parse(attempts.get(0).path("next_attempt_at").asString());
        assertThat(next)
                .isAfter(clock.instant())
                .isBeforeOrEqualTo(clock.instant().plusSeconds(10));
        var pending = api.get(log(ids, "events")).json().get(0);
        assertThat(pending.path("status").asString()).isEqualTo("PENDING");
        assertThat(pending.path("attempts").asInt()).isEqualTo(1);

        deliverDue();
        assertThat(receiver.calls()).as("not due yet").hasSize(1);
        clock.advance(Duration.ofSeconds(11));
        deliverDue();

        var calls = receiver.calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).method()).isEqualTo("PUT");
        assertThat(calls.get(1).header("webhook-id")).isEqualTo(calls.get(0).header("webhook-id"));
        assertThat(calls.get(1).body()).isEqualTo(calls.get(0).body());
        var verifier = new StandardWebhooksVerifier(SECRET_B64);
        assertThat(verifier.verify(
                        calls.get(1).header("webhook-id"),
                        calls.get(1).header("webhook-timestamp"),
                        calls.get(1).header("webhook-signature"),
                        calls.get(1).body(),
                        clock.instant()))
                .isTrue();
        assertThat(api.get(log(ids, "events")).json().get(0).path("status").asString())
                .isEqualTo("DELIVERED");
        assertThat(api.get(log(ids, "attempts")).json()).hasSize(2);
        assertThat(registry.counter("outbound.webhooks.retried").count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.counter("outbound.webhooks.failed").count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_receiver_down_for_an_hour_gets_everything_afterwards_in_order_per_request() {
        long[] ids = campaignWithWebhook("POST", List.of("HUMAN", "COMPLETED", "BUSY"), true);
        batch(ids[0], "+15125550103", "+15125550104", "+15125550107");
        receiver.down();
        Instant end = clock.instant().plus(Duration.ofHours(1));
        dispatch(Duration.ofMinutes(1));
        while (clock.instant().isBefore(end)) {
            deliverDue();
            clock.advance(Duration.ofMinutes(3));
        }
        assertThat(receiver.calls()).isEmpty();
        assertThat(api.get(log(ids, "attempts")).json().get(0).path("error").asString())
                .isNotEmpty();

        receiver.up();
        Instant giveUp = clock.instant().plus(Duration.ofHours(2));
        while (receiver.calls().size() < 5 && clock.instant().isBefore(giveUp)) {
            clock.advance(Duration.ofMinutes(5));
            deliverDue();
        }

        var byReference = new HashMap<String, List<String>>();
        var eventIds = new ArrayList<String>();
        for (Receiver.Call call : receiver.calls()) {
            JsonNode p = body(call);
            byReference
                    .computeIfAbsent(p.path("reference_id").asString(), k -> new ArrayList<>())
                    .add(p.path("sequence").asInt() + ":"
                            + p.path("channel_manager_status").asString());
            eventIds.add(call.header("webhook-id"));
        }
        assertThat(eventIds).hasSize(5).doesNotHaveDuplicates();
        assertThat(byReference)
                .isEqualTo(Map.of(
                        "r0", List.of("1:HUMAN", "2:COMPLETED"),
                        "r1", List.of("1:HUMAN", "2:COMPLETED"),
                        "r2", List.of("1:BUSY")));
        for (JsonNode e : api.get(log(ids, "events")).json()) {
            assertThat(e.path("status").asString()).isEqualTo("DELIVERED");
        }
    }

    @Test
    void an_event_refused_for_a_day_is_marked_dead_and_a_later_status_of_the_request_follows() {
        long[] ids = campaignWithWebhook("POST", List.of("HUMAN", "COMPLETED"), false);
        batch(ids[0], "+15125550106");
        dispatch(Duration.ofMinutes(1));
        for (int i = 0; i < 200; i++) {
            receiver.answer(500);
        }
        Instant end = clock.instant().plus(Duration.ofHours(25));
        while (clock.instant().isBefore(end)) {
            deliverDue();
            clock.advance(Duration.ofMinutes(30));
        }

        var events = api.get(log(ids, "events")).json();
        assertThat(events).hasSize(2);
        var human = events.get(1);
        assertThat(human.path("channel_manager_status").asString()).isEqualTo("HUMAN");
        assertThat(human.path("status").asString()).isEqualTo("DEAD");
        assertThat(human.path("next_attempt_at").isNull()).isTrue();
        assertThat(human.path("attempts").asInt()).isBetween(10, 60);
        // Only this webhook's calls: the receiver's port may be one an earlier test's receiver
        // had, and that test's events still retrying are due again once the clock moves on.
        var ours = new java.util.HashSet<String>();
        events.forEach(e -> ours.add(e.path("event_id").asString()));
        var calls = receiver.calls().stream()
                .filter(c -> ours.contains(c.header("webhook-id")))
                .toList();
        assertThat(calls)
                .as("the later COMPLETED waited for HUMAN to die, then was tried too")
                .extracting(c -> body(c).path("sequence").asInt())
                .contains(2);
        assertThat(calls.get(0).header("webhook-id"))
                .isEqualTo(human.path("event_id").asString());
        assertThat(registry.counter("outbound.webhooks.dead").count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void two_workers_racing_send_each_event_once() throws Exception {
        org.assertj.core.api.Assumptions.assumeThat(dev.outbound.testing.TestStores.postgres())
                .as("several nodes need PostgreSQL")
                .isTrue();
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), false);
        batch(ids[0], "+15125550110", "+15125550111", "+15125550112", "+15125550113", "+15125550114");
        dispatch(Duration.ofMinutes(1));

        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var start = new java.util.concurrent.CountDownLatch(1);
            var a = threads.submit(() -> {
                start.await();
                return worker.runOnce();
            });
            var b = threads.submit(() -> {
                start.await();
                return worker.runOnce();
            });
            start.countDown();
            a.get();
            b.get();
        }
        deliverDue();

        assertThat(receiver.calls())
                .extracting(c -> c.header("webhook-id"))
                .hasSize(5)
                .doesNotHaveDuplicates();
    }

    @Test
    void a_webhook_never_has_more_calls_in_flight_than_its_concurrency_across_nodes() {
        long[] ids = campaignWithWebhook("POST", List.of("QUEUED", "COMPLETED"), false);
        batch(ids[0], "+15125550120", "+15125550121", "+15125550122");
        dispatch(Duration.ofMinutes(1));
        Instant now = clock.instant();
        Instant lease = now.plus(Duration.ofMinutes(1));

        var first = outbox.claim("node-a", now, lease, 100, 2);
        var second = outbox.claim("node-b", now, lease, 100, 2);

        assertThat(first).hasSize(2).allMatch(e -> e.webhookId() == ids[1]);
        assertThat(first)
                .extracting(
                        e -> Api.json().readTree(e.payload()).path("sequence").asInt())
                .as("only each request's oldest event")
                .containsOnly(1);
        assertThat(second).as("two calls already in flight for this webhook").isEmpty();
        assertThat(outbox.claim("node-c", lease.plusSeconds(1), lease.plusSeconds(60), 100, 2))
                .as("once the leases lapse, the events are taken again")
                .hasSize(2);
    }

    @Test
    void finished_events_are_purged_after_the_retention() {
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), false);
        batch(ids[0], "+15125550123");
        dispatch(Duration.ofMinutes(1));
        deliverDue();
        assertThat(api.get(log(ids, "events")).json()).hasSize(1);

        clock.advance(Duration.ofDays(31));
        assertThat(worker.purge()).isGreaterThanOrEqualTo(1);

        assertThat(api.get(log(ids, "events")).json()).isEmpty();
        assertThat(api.get(log(ids, "attempts")).json()).isEmpty();
    }

    @Test
    void requests_canceled_by_deleting_their_batch_are_reported_to_a_canceled_trigger() {
        long[] ids = campaignWithWebhook("POST", List.of("CANCELED"), false);
        String batchId = batch(ids[0], "+15125550130", "+15125550131");
        var deleted = api.deleteForm("/api/v1/outbound/batches/" + batchId, Map.of("delete_reason", "done"));
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        deliverDue();

        assertThat(receiver.calls())
                .extracting(c -> body(c).path("reference_id").asString()
                        + ":" + body(c).path("request_status").asString()
                        + ":" + body(c).path("channel_manager_status").asString()
                        + ":" + body(c).path("previous_request_status").asString())
                .containsExactlyInAnyOrder("r0:CANCELED:CANCELED:PENDING", "r1:CANCELED:CANCELED:PENDING");
    }

    private long events(long campaignId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE campaign_id = :c")
                .param("c", campaignId)
                .query(Long.class)
                .single();
    }

    @Test
    void an_event_exists_exactly_when_its_status_change_committed() {
        long[] ids = campaignWithWebhook("POST", List.of("QUEUED"), false);
        String batchId = batch(ids[0], "+15125550140");
        long batchPk = jdbc.sql("SELECT pk FROM batch WHERE batch_id = :b")
                .param("b", batchId)
                .query(Long.class)
                .single();
        Instant lease = clock.instant().plus(Duration.ofMinutes(1));

        try {
            transactions.executeWithoutResult(tx -> {
                assertThat(lifecycle.claim(batchPk, 10, "node-x", lease, null, ClaimGate.OPEN))
                        .hasSize(1);
                throw new IllegalStateException("crash before commit");
            });
        } catch (IllegalStateException expected) {
            // the claim and its event roll back together
        }
        assertThat(events(ids[0])).isZero();

        transactions.executeWithoutResult(tx -> lifecycle.claim(batchPk, 10, "node-x", lease, null, ClaimGate.OPEN));
        assertThat(events(ids[0])).isEqualTo(1);
    }

    @Test
    void an_event_leased_by_a_node_that_died_is_sent_by_another_with_the_same_id() {
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), true);
        batch(ids[0], "+15125550141");
        dispatch(Duration.ofMinutes(1));
        Instant now = clock.instant();
        var taken = outbox.claim("dead-node", now, now.plus(Duration.ofMinutes(1)), 100, 4).stream()
                .filter(e -> e.webhookId() == ids[1])
                .toList();
        assertThat(taken).hasSize(1);

        deliverDue();
        assertThat(receiver.calls()).as("leased by the dead node").isEmpty();
        clock.advance(Duration.ofMinutes(2));
        deliverDue();

        assertThat(receiver.calls()).hasSize(1);
        assertThat(receiver.calls().get(0).header("webhook-id"))
                .isEqualTo(taken.get(0).eventId());
    }

    @Test
    void a_webhook_moved_to_another_url_delivers_there_from_the_next_event_on() {
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), false);
        batch(ids[0], "+15125550150");
        dispatch(Duration.ofMinutes(1));
        deliverDue();
        assertThat(receiver.calls()).hasSize(1);

        try (var moved = new Receiver()) {
            var body = aCampaign()
                    .with("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
                    .with("hourly_rate", 3600)
                    .withWebhook(aWebhook()
                            .withId(ids[1])
                            .to(moved.url("/moved"))
                            .with("trigger_statuses", List.of("COMPLETED")))
                    .build();
            var r = api.put("/api/v1/outbound/campaigns/" + ids[0], body);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            batch(ids[0], "+15125550151");
            dispatch(Duration.ofMinutes(1));
            deliverDue();

            assertThat(receiver.calls()).hasSize(1);
            assertThat(moved.calls()).extracting(Receiver.Call::path).containsExactly("/moved");
        }
    }

    @Test
    void a_redirect_is_not_followed_and_counts_as_a_failed_attempt() {
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), false);
        batch(ids[0], "+15125550104");
        dispatch(Duration.ofMinutes(1));
        receiver.answer(307);
        deliverDue();

        assertThat(receiver.calls()).extracting(Receiver.Call::path).containsExactly("/hooks");
        var attempt = api.get(log(ids, "attempts")).json().get(0);
        assertThat(attempt.path("status_code").asInt()).isEqualTo(307);
        assertThat(attempt.path("outcome").asString()).isEqualTo("RETRY");
    }

    @Test
    void a_delivered_event_can_be_redelivered_with_its_id() {
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), true);
        batch(ids[0], "+15125550105");
        dispatch(Duration.ofMinutes(1));
        deliverDue();
        String eventId = receiver.calls().get(0).header("webhook-id");

        var r = api.post(log(ids, "events/" + eventId + "/redeliver"), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("status").asString()).isEqualTo("PENDING");
        deliverDue();

        assertThat(receiver.calls()).hasSize(2);
        assertThat(receiver.calls().get(1).header("webhook-id")).isEqualTo(eventId);
        assertThat(api.post(log(ids, "events/nope/redeliver"), Map.of()).status())
                .isEqualTo(404);
    }

    /** The one event of the webhook, leased to {@code token} until a minute from now. */
    private OutboxEvent leased(long[] ids, String token) {
        Instant now = clock.instant();
        var taken = outbox.claim(token, now, now.plus(Duration.ofMinutes(1)), 100, 4).stream()
                .filter(e -> e.webhookId() == ids[1])
                .toList();
        assertThat(taken).hasSize(1);
        return taken.get(0);
    }

    private JsonNode event(long[] ids, String eventId) {
        for (JsonNode e : api.get(log(ids, "events")).json()) {
            if (e.path("event_id").asString().equals(eventId)) {
                return e;
            }
        }
        throw new AssertionError("no event " + eventId);
    }

    @Test
    void an_event_in_flight_is_not_redelivered_and_stays_with_the_node_sending_it() {
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), false);
        batch(ids[0], "+15125550160");
        dispatch(Duration.ofMinutes(1));
        OutboxEvent inFlight = leased(ids, "busy-node");
        JsonNode before = event(ids, inFlight.eventId());

        var r = api.post(log(ids, "events/" + inFlight.eventId() + "/redeliver"), Map.of());

        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().path("detail").asString()).contains("is being delivered");
        assertThat(event(ids, inFlight.eventId())).isEqualTo(before);
        assertThat(jdbc.sql("SELECT lease_owner FROM webhook_event WHERE event_id = :e")
                        .param("e", inFlight.eventId())
                        .query(String.class)
                        .single())
                .isEqualTo("busy-node");

        clock.advance(Duration.ofMinutes(2));
        var afterLease = api.post(log(ids, "events/" + inFlight.eventId() + "/redeliver"), Map.of());
        assertThat(afterLease.status()).as("the lease lapsed: its node died").isEqualTo(200);
    }

    @Test
    void a_dead_event_can_be_redelivered_and_is_sent_again() {
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), false);
        batch(ids[0], "+15125550161");
        dispatch(Duration.ofMinutes(1));
        OutboxEvent e = leased(ids, "node-a");
        Instant at = clock.instant();
        assertThat(outbox.finish(e.pk(), "node-a", EventStatus.DEAD, at, null, 500, "gave up", null))
                .isTrue();
        assertThat(event(ids, e.eventId()).path("status").asString()).isEqualTo("DEAD");

        var r = api.post(log(ids, "events/" + e.eventId() + "/redeliver"), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("status").asString()).isEqualTo("PENDING");
        deliverDue();

        assertThat(receiver.calls()).extracting(c -> c.header("webhook-id")).containsExactly(e.eventId());
        assertThat(event(ids, e.eventId()).path("status").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void a_waiting_event_redelivered_is_due_at_once() {
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), false);
        batch(ids[0], "+15125550162");
        dispatch(Duration.ofMinutes(1));
        receiver.answer(500);
        deliverDue();
        String eventId = receiver.calls().get(0).header("webhook-id");
        assertThat(event(ids, eventId).path("status").asString()).isEqualTo("PENDING");
        assertThat(worker.runOnce()).as("waiting for its retry").isZero();

        var r = api.post(log(ids, "events/" + eventId + "/redeliver"), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        deliverDue();

        assertThat(receiver.calls()).hasSize(2);
        assertThat(event(ids, eventId).path("status").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void a_result_for_an_event_whose_lease_is_gone_changes_nothing() {
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), false);
        batch(ids[0], "+15125550163");
        dispatch(Duration.ofMinutes(1));
        OutboxEvent e = leased(ids, "node-a");
        Instant at = clock.instant();
        assertThat(outbox.finish(e.pk(), "node-a", EventStatus.DELIVERED, at, null, 200, null, at))
                .isTrue();
        JsonNode delivered = event(ids, e.eventId());

        assertThat(outbox.finish(e.pk(), "node-a", EventStatus.DEAD, at, null, 500, "late", null))
                .as("the event is DELIVERED and leased to nobody")
                .isFalse();

        assertThat(event(ids, e.eventId())).isEqualTo(delivered);
    }

    @Test
    void another_organizations_delivery_log_is_not_found() {
        long[] ids = campaignWithWebhook("POST", List.of("COMPLETED"), false);
        var org = api.post(
                "/api/v1/outbound/organizations", Map.of("name", "other-" + ids[0], "admin_email", "o@example.com"));
        assertThat(org.status()).as(org.body()).isEqualTo(200);
        Api other = api.withKey(org.json().path("admin_key").path("api_key").asString());

        assertThat(other.get(log(ids, "events")).status()).isEqualTo(404);
        assertThat(other.get(log(ids, "attempts")).status()).isEqualTo(404);
        assertThat(api.get(log(new long[] {ids[0], ids[1] + 1000}, "events")).status())
                .isEqualTo(404);
        assertThat(api.get(log(ids, "events?limit=0")).status()).isEqualTo(422);
    }

    @Test
    void a_campaign_without_webhooks_writes_no_events() {
        var body = aCampaign()
                .with("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
                .with("hourly_rate", 3600)
                .build();
        long campaignId =
                api.post("/api/v1/outbound/campaigns", body).json().path("id").asLong();
        batch(campaignId, "+15125550106");
        dispatch(Duration.ofMinutes(1));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE campaign_id = :c")
                        .param("c", campaignId)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
