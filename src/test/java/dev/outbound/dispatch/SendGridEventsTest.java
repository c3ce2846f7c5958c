package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.Produces;
import dev.outbound.testing.SendGridStandIn;
import dev.outbound.testing.StoreTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An email campaign through SendGrid end to end: the dispatcher sends through a local stand-in,
 * and the stand-in's signed Event Webhook posts move the requests.
 */
@StoreTest
@Import(DispatchTestConfig.class)
class SendGridEventsTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";
    private static final SendGridStandIn SENDGRID = new SendGridStandIn();
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    @DynamicPropertySource
    static void sendGrid(DynamicPropertyRegistry registry) {
        registry.add("outbound.channels.email", () -> "sendgrid");
        registry.add("outbound.sendgrid.api-key", () -> SendGridStandIn.API_KEY);
        registry.add("outbound.sendgrid.api-base-url", SENDGRID::baseUrl);
        registry.add("outbound.sendgrid.webhook-public-key", SENDGRID::publicKey);
        registry.add("outbound.smtp.from", () -> "campaigns@outbound.test");
        registry.add("outbound.twilio.public-url", () -> "https://outbound.example");
    }

    @AfterAll
    static void stop() {
        SENDGRID.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(DispatchTestConfig.START);
    }

    /** The requests of one batch sent to SendGrid: address → request id. */
    private record Sent(String batchId, Map<String, Long> ids) {
        long id(String address) {
            return java.util.Objects.requireNonNull(ids.get(address), address);
        }
    }

    private static String person(String name) {
        return name + PEOPLE.incrementAndGet() + "@example.org";
    }

    @Test
    @Produces(ChannelManagerStatus.QUEUED)
    void each_email_goes_to_sendgrid_with_its_attempt_in_custom_args_and_waits_queued() {
        String ann = person("ann");

        Sent sent = send(ann);

        var received = SENDGRID.receivedBy(ann);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().body().path("from").path("email").asString())
                .isEqualTo("campaigns@outbound.test");
        assertThat(received.getFirst().body().path("subject").asString()).isEqualTo("Hello");
        assertThat(received.getFirst().customArg("outbound_request_id")).isEqualTo(String.valueOf(sent.id(ann)));
        assertThat(received.getFirst().customArg("outbound_attempt")).isEqualTo("1");
        var headers = received.getFirst().body().path("headers");
        assertThat(headers.path("List-Unsubscribe").asString())
                .startsWith("<https://outbound.example/email/unsubscribe/");
        assertThat(headers.path("List-Unsubscribe-Post").asString()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(result(sent, ann).path("request_status").asString()).isEqualTo("INITIATED");
        assertThat(result(sent, ann).path("channel_manager_status").asString()).isEqualTo("QUEUED");
    }

    @Test
    void unsigned_forged_and_stale_posts_are_refused_and_change_nothing() {
        String ann = person("ann");
        Sent sent = send(ann);
        byte[] body = events(event(sent, ann, "delivered", null)).getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(clock.instant().getEpochSecond());
        String stale =
                Long.toString(clock.instant().minus(Duration.ofMinutes(11)).getEpochSecond());
        byte[] altered = events(event(sent, ann, "bounce", null)).getBytes(StandardCharsets.UTF_8);

        assertThat(SendGridStandIn.post(port, body, null, null)).as("unsigned").isEqualTo(403);
        assertThat(SendGridStandIn.post(port, body, now, SENDGRID.sign(now, altered)))
                .as("signed over another body")
                .isEqualTo(403);
        assertThat(SendGridStandIn.post(port, body, now, "bm90IGEgc2lnbmF0dXJl"))
                .as("forged")
                .isEqualTo(403);
        assertThat(SendGridStandIn.post(port, body, stale, SENDGRID.sign(stale, body)))
                .as("older than the max age")
                .isEqualTo(403);

        assertThat(result(sent, ann).path("request_status").asString()).isEqualTo("INITIATED");
        assertThat(result(sent, ann).path("channel_manager_status").asString()).isEqualTo("QUEUED");
    }

    @Test
    @Produces({ChannelManagerStatus.PROCESSED, ChannelManagerStatus.DELIVERED})
    void delivered_completes_the_request() {
        String ann = person("ann");
        Sent sent = send(ann);

        assertThat(post(event(sent, ann, "processed", null))).isEqualTo(204);
        assertThat(result(sent, ann).path("channel_manager_status").asString()).isEqualTo("PROCESSED");
        assertThat(post(event(sent, ann, "delivered", null))).isEqualTo(204);

        assertThat(result(sent, ann).path("request_status").asString()).isEqualTo("COMPLETED");
        assertThat(result(sent, ann).path("channel_manager_status").asString()).isEqualTo("DELIVERED");
    }

    @Test
    @Produces({ChannelManagerStatus.DEFERRED, ChannelManagerStatus.BOUNCED})
    void a_bounce_fails_the_request_and_suppresses_the_address() {
        String bob = person("bob");
        Sent sent = send(bob);

        assertThat(post(event(sent, bob, "deferred", null))).isEqualTo(204);
        assertThat(result(sent, bob).path("channel_manager_status").asString()).isEqualTo("DEFERRED");
        assertThat(post(event(sent, bob, "bounce", "550 5.1.1 no such user"))).isEqualTo(204);

        assertThat(result(sent, bob).path("request_status").asString()).isEqualTo("FAILED");
        assertThat(result(sent, bob).path("channel_manager_status").asString()).isEqualTo("BOUNCED");
        var entry = api.get("/api/v1/outbound/suppressions/" + bob);
        assertThat(entry.status()).as(entry.body()).isEqualTo(200);
        assertThat(entry.json().path("kind").asString()).isEqualTo("bounced");
        assertThat(entry.json().path("source").asString()).isEqualTo("provider");
    }

    @Test
    @Produces({
        ChannelManagerStatus.PRIOR_BOUNCED,
        ChannelManagerStatus.PRIOR_UNSUBSCRIBED,
        ChannelManagerStatus.PRIOR_SPAM_REPORT,
        ChannelManagerStatus.DROPPED
    })
    void a_drop_for_an_earlier_bounce_unsubscribe_or_spam_report_skips_the_request_and_any_other_fails_it() {
        String bounced = person("bounced");
        String unsubscribed = person("unsubscribed");
        String reported = person("reported");
        String dropped = person("dropped");
        Sent sent = send(bounced, unsubscribed, reported, dropped);

        assertThat(post(
                        event(sent, bounced, "dropped", "Bounced Address"),
                        event(sent, unsubscribed, "dropped", "Unsubscribed Address"),
                        event(sent, reported, "dropped", "Spam Reporting Address"),
                        event(sent, dropped, "dropped", "Invalid SMTPAPI header")))
                .isEqualTo(204);

        assertThat(statuses(sent, bounced)).containsExactly("SKIPPED", "PRIOR_BOUNCED");
        assertThat(statuses(sent, unsubscribed)).containsExactly("SKIPPED", "PRIOR_UNSUBSCRIBED");
        assertThat(statuses(sent, reported)).containsExactly("SKIPPED", "PRIOR_SPAM_REPORT");
        assertThat(statuses(sent, dropped)).containsExactly("FAILED", "DROPPED");
        assertThat(counts(sent).path("SKIPPED").asInt()).isEqualTo(3);
        assertThat(counts(sent).path("FAILED").asInt()).isEqualTo(1);
    }

    @Test
    @Produces({ChannelManagerStatus.OPENED, ChannelManagerStatus.CLICKED})
    void opens_and_clicks_after_delivery_change_only_the_channel_status() {
        String ann = person("ann");
        Sent sent = send(ann);
        post(event(sent, ann, "delivered", null));

        assertThat(post(event(sent, ann, "open", null))).isEqualTo(204);
        assertThat(statuses(sent, ann)).containsExactly("COMPLETED", "OPENED");
        assertThat(post(event(sent, ann, "click", null))).isEqualTo(204);

        assertThat(statuses(sent, ann)).containsExactly("COMPLETED", "CLICKED");
        assertThat(counts(sent).path("COMPLETED").asInt()).isEqualTo(1);
        assertThat(counts(sent).path("INITIATED").asInt()).isZero();
    }

    @Test
    @Produces({ChannelManagerStatus.SPAM_REPORT, ChannelManagerStatus.UNSUBSCRIBED})
    void a_spam_report_or_an_unsubscribe_is_noted_and_suppresses_the_address() {
        String cy = person("cy");
        String di = person("di");
        Sent sent = send(cy, di);
        post(event(sent, cy, "delivered", null), event(sent, di, "delivered", null));

        assertThat(post(event(sent, cy, "spamreport", null), event(sent, di, "group_unsubscribe", null)))
                .isEqualTo(204);

        assertThat(statuses(sent, cy)).containsExactly("COMPLETED", "SPAM_REPORT");
        assertThat(statuses(sent, di)).containsExactly("COMPLETED", "UNSUBSCRIBED");
        assertThat(api.get("/api/v1/outbound/suppressions/" + cy)
                        .json()
                        .path("kind")
                        .asString())
                .isEqualTo("spam_report");
        assertThat(api.get("/api/v1/outbound/suppressions/" + di)
                        .json()
                        .path("kind")
                        .asString())
                .isEqualTo("unsubscribed");
        assertThat(counts(sent).path("COMPLETED").asInt()).isEqualTo(2);
    }

    @Test
    @Produces({ChannelManagerStatus.CLICKED, ChannelManagerStatus.BOUNCED})
    void events_twice_and_out_of_order_never_move_a_request_back_or_count_twice() {
        String ann = person("ann");
        String bob = person("bob");
        Sent sent = send(ann, bob);
        String[] annEvents = {
            event(sent, ann, "click", null),
            event(sent, ann, "delivered", null),
            event(sent, ann, "processed", null),
            event(sent, ann, "open", null),
            event(sent, ann, "delivered", null)
        };
        String[] bobEvents = {
            event(sent, bob, "bounce", "550 no such user"),
            event(sent, bob, "processed", null),
            event(sent, bob, "delivered", null),
            event(sent, bob, "open", null)
        };

        for (int i = 0; i < 2; i++) {
            assertThat(post(annEvents)).isEqualTo(204);
            assertThat(post(bobEvents)).isEqualTo(204);
        }

        assertThat(statuses(sent, ann)).containsExactly("COMPLETED", "CLICKED");
        assertThat(statuses(sent, bob)).containsExactly("FAILED", "BOUNCED");
        var counts = counts(sent);
        assertThat(counts.path("COMPLETED").asInt()).isEqualTo(1);
        assertThat(counts.path("FAILED").asInt()).isEqualTo(1);
        assertThat(counts.path("INITIATED").asInt()).isZero();
    }

    @Test
    void an_event_of_an_unknown_request_or_an_older_attempt_is_ignored() {
        String ann = person("ann");
        Sent sent = send(ann);
        String unknown = "{\"email\":\"x@example.org\",\"event\":\"delivered\",\"timestamp\":1,"
                + "\"outbound_request_id\":\"999999999\",\"outbound_attempt\":\"1\"}";
        String older =
                event(sent, ann, "delivered", null).replace("\"outbound_attempt\":\"1\"", "\"outbound_attempt\":\"0\"");
        String other = "{\"email\":\"y@example.org\",\"event\":\"delivered\",\"timestamp\":1}";

        assertThat(post(unknown, older, other)).isEqualTo(204);

        assertThat(statuses(sent, ann)).containsExactly("INITIATED", "QUEUED");
    }

    @Test
    @Produces(ChannelManagerStatus.INVALID)
    void a_recipient_sendgrid_refuses_fails_for_good_and_an_unavailable_sendgrid_leaves_the_request_waiting() {
        String refused = person("refused");
        String later = person("later");
        SENDGRID.answer(
                refused,
                400,
                "{\"errors\":[{\"message\":\"Does not contain a valid address.\","
                        + "\"field\":\"personalizations.0.to.0.email\"}]}",
                Duration.ZERO);
        SENDGRID.answer(later, 503, "", Duration.ZERO);
        String batchId = upload(refused, later);

        for (int i = 0; i < 10; i++) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }

        var results = BatchResults.of(api, batchId);
        assertThat(results.get(refused).path("request_status").asString()).isEqualTo("FAILED");
        assertThat(results.get(refused).path("channel_manager_status").asString())
                .isEqualTo("INVALID");
        assertThat(results.get(later).path("request_status").asString()).isEqualTo("PENDING");
        assertThat(results.get(later).path("attempt_count").asInt()).isZero();
        assertThat(SENDGRID.receivedBy(refused)).isEmpty();
    }

    /** Uploads one email request per address and runs the dispatcher until SendGrid has them all. */
    private Sent send(String... addresses) {
        String batchId = upload(addresses);
        for (int i = 0; i < 60 && !allQueued(batchId, addresses.length); i++) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }
        var ids = new LinkedHashMap<String, Long>();
        for (String a : addresses) {
            var received = SENDGRID.receivedBy(a);
            assertThat(received).as(a).hasSize(1);
            ids.put(a, Long.parseLong(received.getFirst().customArg("outbound_request_id")));
        }
        return new Sent(batchId, ids);
    }

    /** A batch of an email campaign with one request per address (its reference id is the address). */
    private String upload(String... addresses) {
        var campaign = Fixtures.aMinimalCampaign();
        campaign.put("mode", "email");
        campaign.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        campaign.put("hourly_rate", 3600);
        var c = api.post("/api/v1/outbound/campaigns", campaign);
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        var batch = Fixtures.aBatchFor(c.json().path("id").asLong());
        assertThat(api.post("/api/v1/outbound/batches", batch).status()).isEqualTo(200);
        String batchId = String.valueOf(batch.get("batch_id"));
        var csv = new StringBuilder("reference_id,target,subject,body\n");
        for (String a : addresses) {
            csv.append(a).append(',').append(a).append(",Hello,See you tomorrow.\n");
        }
        var upload = api.upload(BATCHES + batchId + "/upload_batch", "list.csv", csv.toString());
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        return batchId;
    }

    private boolean allQueued(String batchId, int n) {
        return counts(batchId).path("INITIATED").asInt() == n
                && BatchResults.of(api, batchId).values().stream()
                        .allMatch(
                                r -> r.path("channel_manager_status").asString().equals("QUEUED"));
    }

    private String event(Sent sent, String address, String type, @Nullable String reason) {
        var e = new StringBuilder("{\"email\":\"")
                .append(address)
                .append("\",\"timestamp\":")
                .append(clock.instant().getEpochSecond())
                .append(",\"event\":\"")
                .append(type)
                .append("\",\"sg_message_id\":\"")
                .append(SENDGRID.receivedBy(address).getFirst().messageId())
                .append(".filter0001.1.0\",\"outbound_request_id\":\"")
                .append(sent.id(address))
                .append("\",\"outbound_attempt\":\"1\"");
        if (reason != null) {
            e.append(",\"reason\":\"").append(reason).append('"');
        }
        return e.append('}').toString();
    }

    private static String events(String... events) {
        return "[" + String.join(",", events) + "]";
    }

    private int post(String... events) {
        return SENDGRID.postEvents(port, events(events), clock.instant());
    }

    private JsonNode result(Sent sent, String address) {
        return BatchResults.of(api, sent.batchId()).get(address);
    }

    private List<String> statuses(Sent sent, String address) {
        JsonNode r = result(sent, address);
        var out = new ArrayList<String>();
        out.add(r.path("request_status").asString());
        out.add(r.path("channel_manager_status").asString());
        return out;
    }

    private JsonNode counts(Sent sent) {
        return counts(sent.batchId());
    }

    private JsonNode counts(String batchId) {
        return api.get(BATCHES + batchId).json().path("status_counts");
    }
}
