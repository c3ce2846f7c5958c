package dev.outbound.webhook;

import static dev.outbound.testing.CampaignBuilder.aCampaign;
import static dev.outbound.testing.CampaignBuilder.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.dispatch.Dispatcher;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** With the default settings, webhooks cannot reach internal addresses, at save or at delivery. */
@StoreTest
@Import(WebhookTestConfig.class)
@TestPropertySource(properties = "outbound.webhooks.enabled=false")
class WebhookSafetyTest {
    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

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

    private Api.Response create(String url) {
        return api.post(
                "/api/v1/outbound/campaigns",
                aCampaign()
                        .with("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
                        .with("hourly_rate", 3600)
                        .withWebhook(aWebhook().to(url).with("trigger_statuses", List.of("COMPLETED")))
                        .build());
    }

    @Test
    void internal_and_plain_http_urls_are_refused_when_saved() {
        for (String url : List.of(
                "https://localhost/hook",
                "https://127.0.0.1/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://10.0.0.1/hook",
                "https://[fd00:ec2::254]/hook",
                "https://[64:ff9b::a9fe:a9fe]/hook",
                "https://[2002:a9fe:a9fe::1]/hook",
                "https://[::169.254.169.254]/hook",
                "https://100.64.1.1/hook",
                "http://hooks.example.com/hook")) {
            var r = create(url);
            assertThat(r.status()).as(url).isEqualTo(422);
            assertThat(r.json().path("detail").get(0).path("loc").toString())
                    .as(url)
                    .contains("url");
        }
    }

    @Test
    void a_name_that_resolves_to_loopback_at_delivery_is_refused_and_nothing_is_sent() {
        var r = create("https://hooks.example.com/hook");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode c = r.json();
        long campaignId = c.path("id").asLong();
        long webhookId = c.path("webhooks").get(0).path("id").asLong();
        // The name now points inside (DNS changed after the webhook was saved).
        jdbc.sql("UPDATE campaign_webhook SET url = :url WHERE id = :id")
                .param("url", "https://localhost:" + receiver.port() + "/hook")
                .param("id", webhookId)
                .update();
        var batch = Fixtures.aBatchFor(campaignId);
        assertThat(api.post("/api/v1/outbound/batches", batch).status()).isEqualTo(200);
        api.upload(
                "/api/v1/outbound/batches/" + batch.get("batch_id") + "/upload_batch",
                "l.csv",
                "reference_id,target\nr0,+15125550100\n");
        for (int i = 0; i < 60; i++) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(worker.runOnce()).isEqualTo(1);

        assertThat(receiver.calls()).isEmpty();
        var attempts = api.get("/api/v1/outbound/campaigns/" + campaignId + "/webhooks/" + webhookId + "/attempts")
                .json();
        // The tenant learns that the host was refused, never which internal address it resolved to.
        assertThat(attempts.get(0).path("error").asString())
                .isEqualTo("refused: the host is not a public address")
                .doesNotContain("127.0.0.1");
        assertThat(attempts.get(0).path("status_code").isNull()).isTrue();
    }

    private static DeliveryProperties settings(boolean allowPrivate, Duration readTimeout) {
        return new DeliveryProperties(
                false,
                allowPrivate,
                1,
                Duration.ofSeconds(1),
                10,
                Duration.ofSeconds(2),
                readTimeout,
                Duration.ofHours(24),
                Duration.ofSeconds(10),
                Duration.ofHours(1),
                Duration.ofDays(30),
                "");
    }

    @Test
    void a_receiver_that_never_answers_is_given_up_on_at_the_read_timeout() throws Exception {
        receiver.hang();
        try (var sender = new Sender(settings(true, Duration.ofMillis(500)))) {
            var result = sender.send(receiver.url("/slow"), "POST", Map.of(), "{}");

            assertThat(result.statusCode()).isNull();
            assertThat(result.error()).containsIgnoringCase("timeout");
            assertThat(result.took()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void the_sender_refuses_internal_addresses_and_plain_http_without_connecting() {
        var sender = new Sender(settings(false, Duration.ofSeconds(2)));
        try (sender) {
            for (String url : List.of(
                    "https://localhost:" + receiver.port() + "/hook",
                    "https://127.0.0.1:" + receiver.port() + "/hook",
                    "https://[::1]:" + receiver.port() + "/hook",
                    "https://[::ffff:127.0.0.1]:" + receiver.port() + "/hook",
                    "https://[::127.0.0.1]:" + receiver.port() + "/hook",
                    "https://[64:ff9b::7f00:1]:" + receiver.port() + "/hook",
                    "https://[2002:7f00:1::1]:" + receiver.port() + "/hook",
                    "https://169.254.169.254/latest/meta-data/",
                    "http://" + "hooks.example.com/hook",
                    receiver.url("/hook"))) {
                var result = sender.send(url, "POST", Map.of(), "{}");
                assertThat(result.statusCode()).as(url).isNull();
                assertThat(result.error()).as(url).startsWith("refused");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(receiver.calls()).isEmpty();
    }
}
