package dev.outbound.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.dispatch.Dispatcher;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.CampaignBuilder;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.Produces;
import dev.outbound.testing.StoreTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An email campaign through SMTP (GreenMail) whose message's List-Unsubscribe link is then
 * opened (GET: nothing changes) and posted as a mail client's one-click unsubscribe does.
 */
@StoreTest
@Import(EmailUnsubscribeTest.Config.class)
class EmailUnsubscribeTest {
    private static final String PUBLIC_URL = "https://outbound.example";
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static final GreenMail MAIL = startMail();
    private static int day;

    @TestConfiguration
    static class Config {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry r) {
        r.add("outbound.channels.email", () -> "smtp");
        r.add("outbound.smtp.host", () -> "127.0.0.1");
        r.add("outbound.smtp.port", () -> MAIL.getSmtp().getPort());
        r.add("outbound.email.from", () -> "campaigns@outbound.test");
        r.add("outbound.email.sender-domains", () -> "acme.example");
        r.add("outbound.twilio.public-url", () -> PUBLIC_URL);
        r.add("outbound.webhooks.enabled", () -> "false");
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

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

    Api api;

    @BeforeEach
    void setUp() throws Exception {
        api = Api.at(port);
        clock.set(START.plus(Duration.ofDays(day++)));
        MAIL.purgeEmailFromAllMailboxes();
    }

    @Test
    void an_email_campaign_whose_source_is_outside_the_sender_domains_is_refused_naming_source() {
        var r = api.post(
                "/api/v1/outbound/campaigns",
                emailCampaign("news@elsewhere.example").build());

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("loc").toString()).contains("source");
        assertThat(api.post(
                                "/api/v1/outbound/campaigns",
                                emailCampaign("news@ACME.example").build())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void opening_the_link_shows_a_button_and_changes_nothing() {
        Sent sent = sendTo("ann@example.com");

        var page = call("GET", sent.link(), null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<form method=\"post\"", "<button");
        assertThat(entry(sent, "ann@example.com")).isEmpty();
        assertThat(status(sent)).isEqualTo("COMPLETED/DELIVERED");
    }

    @Test
    @Produces(ChannelManagerStatus.UNSUBSCRIBED)
    void the_one_click_post_suppresses_the_address_and_marks_the_request_unsubscribed_once() throws Exception {
        Sent sent = sendTo("bo@example.com");
        assertThat(sent.message().getFrom()[0].toString()).isEqualTo("news@acme.example");

        var first = call("POST", sent.link(), "List-Unsubscribe=One-Click");
        var second = call("POST", sent.link(), "List-Unsubscribe=One-Click");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        Suppression e = entry(sent, "bo@example.com").orElseThrow();
        assertThat(e.kind()).isEqualTo(SuppressionKind.UNSUBSCRIBED);
        assertThat(e.source()).isEqualTo(SuppressionSource.EMAIL);
        assertThat(status(sent)).as("the request keeps its status").isEqualTo("COMPLETED/UNSUBSCRIBED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM suppression WHERE target_key = 'bo@example.com'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(counted(sent.batchId(), "COMPLETED", "UNSUBSCRIBED")).isEqualTo(1);
        assertThat(counted(sent.batchId(), "COMPLETED", "DELIVERED")).isZero();
    }

    @Test
    void a_forged_or_unknown_token_answers_404_and_changes_nothing() {
        Sent sent = sendTo("cy@example.com");
        String token = sent.link().substring(sent.link().lastIndexOf('/') + 1);
        String payload = token.substring(0, token.indexOf('.'));
        String forged = PUBLIC_URL + "/email/unsubscribe/" + payload + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        assertThat(call("POST", forged, "List-Unsubscribe=One-Click").statusCode())
                .isEqualTo(404);
        assertThat(call("GET", forged, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", PUBLIC_URL + "/email/unsubscribe/nothing", "List-Unsubscribe=One-Click")
                        .statusCode())
                .isEqualTo(404);
        assertThat(entry(sent, "cy@example.com")).isEmpty();
        assertThat(status(sent)).isEqualTo("COMPLETED/DELIVERED");
    }

    private record Sent(String batchId, long campaignId, MimeMessage message, String link) {}

    private Sent sendTo(String target) {
        var c = api.post(
                "/api/v1/outbound/campaigns", emailCampaign("news@acme.example").build());
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        long campaignId = c.json().path("id").asLong();
        var batch = Fixtures.aBatchFor(campaignId);
        assertThat(api.post("/api/v1/outbound/batches", batch).status()).isEqualTo(200);
        String id = String.valueOf(batch.get("batch_id"));
        var upload = api.upload(
                "/api/v1/outbound/batches/" + id + "/upload_batch",
                "list.csv",
                "reference_id,target\nr0," + target + "\n");
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        dispatcher.tick();
        clock.advance(Duration.ofSeconds(1));
        dispatcher.tick();
        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
        // The channel reports right after the server accepted; a few more ticks record it.
        for (int i = 0; i < 200 && !status(id).equals("COMPLETED/DELIVERED"); i++) {
            clock.advance(Duration.ofSeconds(1));
            dispatcher.tick();
        }
        assertThat(status(id)).isEqualTo("COMPLETED/DELIVERED");
        MimeMessage m = Arrays.stream(MAIL.getReceivedMessages())
                .filter(x -> recipient(x).equalsIgnoreCase(target))
                .findFirst()
                .orElseThrow();
        String header;
        try {
            header = m.getHeader("List-Unsubscribe", null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        assertThat(header).startsWith("<" + PUBLIC_URL + "/email/unsubscribe/").endsWith(">");
        return new Sent(id, campaignId, m, header.substring(1, header.length() - 1));
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CampaignBuilder emailCampaign(String source) {
        return CampaignBuilder.aCampaign()
                .with("mode", "email")
                .with("source", source)
                .with("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
                .with("hourly_rate", 3600)
                .with("campaign_variables", Map.of("subject", "News", "body", "Hello"));
    }

    /** The link as the mail client follows it: the public URL mapped onto the test server. */
    private HttpResponse<String> call(String method, String link, @Nullable String form) {
        var b = HttpRequest.newBuilder(URI.create(link.replace(PUBLIC_URL, "http://127.0.0.1:" + port)));
        if (form == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        }
        try (var http = HttpClient.newHttpClient()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Optional<Suppression> entry(Sent sent, String target) {
        long org = jdbc.sql("SELECT organization_id FROM campaign WHERE id = :id")
                .param("id", sent.campaignId())
                .query(Long.class)
                .single();
        return suppressions.find(org, target);
    }

    private long counted(String batchId, String status, String channelStatus) {
        return jdbc.sql("SELECT COALESCE(SUM(c.n), 0) FROM status_count c, batch b WHERE c.batch_pk = b.pk "
                        + "AND b.batch_id = :batch AND c.request_status = :status AND c.channel_status = :channel")
                .param("batch", batchId)
                .param("status", status)
                .param("channel", channelStatus)
                .query(Long.class)
                .single();
    }

    private String status(Sent sent) {
        return status(sent.batchId());
    }

    private String status(String batchId) {
        JsonNode r = BatchResults.of(api, batchId).get("r0");
        return r.path("request_status").asString() + "/"
                + r.path("channel_manager_status").asString();
    }

    private static GreenMail startMail() {
        var mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }
}
