package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** An email campaign end to end: upload, dispatcher ticks, a real SMTP server (GreenMail) receives. */
@StoreTest
@Import(DispatchTestConfig.class)
class EmailCampaignTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";
    private static final GreenMail MAIL = startMail();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("outbound.channels.email", () -> "smtp");
        registry.add("outbound.smtp.host", () -> "127.0.0.1");
        registry.add("outbound.smtp.port", () -> MAIL.getSmtp().getPort());
        registry.add("outbound.smtp.from", () -> "campaigns@outbound.test");
        registry.add("outbound.twilio.public-url", () -> "https://outbound.example");
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

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(DispatchTestConfig.START);
    }

    @Test
    void an_email_campaign_sends_each_valid_address_one_message_and_results_show_it_delivered() throws Exception {
        var campaign = Fixtures.aMinimalCampaign();
        campaign.put("mode", "email");
        campaign.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        campaign.put("hourly_rate", 3600);
        var c = api.post("/api/v1/outbound/campaigns", campaign);
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        var batch = Fixtures.aBatchFor(c.json().path("id").asLong());
        assertThat(api.post("/api/v1/outbound/batches", batch).status()).isEqualTo(200);
        String id = String.valueOf(batch.get("batch_id"));
        String csv = """
                reference_id,target,name,subject,body
                r0,Ann@Example.COM,Ann,Hello {{name}},Your appointment is tomorrow.
                r1,bob@example.org,Bob,Hello {{name}},See you soon.
                r2,not-an-email,Cy,Hello,never sent
                r3,+14155550123,Di,Hello,a phone number is not an address
                """;
        var upload = api.upload(BATCHES + id + "/upload_batch", "list.csv", csv);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        assertThat(upload.json().path("invalid").asInt()).as(upload.body()).isEqualTo(2);

        dispatcher.tick();
        clock.advance(Duration.ofSeconds(1));
        dispatcher.tick();
        assertThat(MAIL.waitForIncomingEmail(10_000, 2)).isTrue();
        // The channel reports right after the server accepted; a few more ticks record it.
        for (int i = 0; i < 50 && !allFinal(id); i++) {
            clock.advance(Duration.ofSeconds(1));
            dispatcher.tick();
        }

        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage toAnn = received[0];
        if (!GreenMailUtil.getAddressList(toAnn.getAllRecipients()).contains("Ann@example.com")) {
            toAnn = received[1];
        }
        assertThat(toAnn.getSubject()).isEqualTo("Hello Ann");
        assertThat(GreenMailUtil.getBody(toAnn).strip()).isEqualTo("Your appointment is tomorrow.");
        var results = BatchResults.of(api, id);
        for (String ref : List.of("r0", "r1")) {
            JsonNode r = results.get(ref);
            assertThat(r.path("request_status").asString()).as(r.toString()).isEqualTo("COMPLETED");
            assertThat(r.path("channel_manager_status").asString()).isEqualTo("DELIVERED");
            assertThat(r.path("attempt_count").asInt()).isEqualTo(1);
            assertThat(r.path("line_type").isNull()).isTrue();
        }
        assertThat(results.get("r0").path("target").asString()).isEqualTo("Ann@example.com");
        assertThat(results.get("r2").path("request_status").asString()).isEqualTo("INVALID");
        assertThat(results.get("r3").path("request_status").asString()).isEqualTo("INVALID");
        var counts = api.get(BATCHES + id).json().path("status_counts");
        assertThat(counts.path("COMPLETED").asInt()).isEqualTo(2);
        assertThat(counts.path("INVALID").asInt()).isEqualTo(2);
    }

    private boolean allFinal(String batchId) {
        var counts = api.get(BATCHES + batchId).json().path("status_counts");
        return counts.path("PENDING").asInt() == 0
                && counts.path("INITIATED").asInt() == 0
                && counts.path("CONNECTED").asInt() == 0;
    }

    private static GreenMail startMail() {
        var mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }
}
