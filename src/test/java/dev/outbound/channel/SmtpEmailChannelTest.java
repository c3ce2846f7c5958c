package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.Produces;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP channel against a real SMTP server (GreenMail) behind a relay that refuses test domains. */
class SmtpEmailChannelTest extends ChannelContractTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private @org.jspecify.annotations.Nullable RefusingRelay relay;

    @Override
    protected Channel newChannel() {
        RefusingRelay r;
        try {
            r = new RefusingRelay(MAIL.getSmtp().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        relay = r;
        var properties = new SmtpProperties(
                "127.0.0.1", r.port(), "", "", "campaigns@outbound.test", true, 4, Duration.ofSeconds(5));
        return new SmtpEmailChannel(
                properties,
                new ChannelProperties("simulator", "simulator", "smtp"),
                EmailTesting.composer(
                        new EmailProperties("", "acme.example"), properties, EmailTesting.PUBLIC_URL, "smtp"),
                clock);
    }

    @AfterEach
    void close() throws Exception {
        smtp().destroy();
        relay().close();
    }

    private SmtpEmailChannel smtp() {
        return (SmtpEmailChannel) channel;
    }

    private RefusingRelay relay() {
        return java.util.Objects.requireNonNull(relay);
    }

    /** Sending is real I/O: time moves, and whatever was handed over is reported first. */
    @Override
    protected void advance(Duration by) {
        try {
            assertThat(smtp().awaitIdle(Duration.ofSeconds(20)))
                    .as("SMTP sends finished")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        clock.advance(by);
    }

    @Override
    protected String connectingTarget(Mode mode) {
        return "ann@example.com";
    }

    @Override
    protected String notConnectingTarget(Mode mode) {
        return "nobody@refused.test";
    }

    @Test
    void the_message_reaches_the_server_with_subject_and_body_from_the_variables() throws Exception {
        var listener = new RecordingListener();
        var attempt = new ChannelAttempt(
                1,
                1,
                "k-1",
                Mode.EMAIL,
                "ada@example.com",
                null,
                Map.of("subject", "Hello {{name}}", "body", "Your code is {{code}}.", "name", "Ada", "code", "42"));

        String sid = smtp().start(attempt, listener);
        advance(Duration.ofSeconds(1));

        MimeMessage[] received = MAIL.getReceivedMessagesForDomain("example.com");
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Hello Ada");
        assertThat(GreenMailUtil.getBody(received[0]).strip()).isEqualTo("Your code is 42.");
        assertThat(received[0].getContentType()).startsWith("text/plain");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("campaigns@outbound.test");
        assertThat(received[0].getHeader("List-Unsubscribe", null)).startsWith("<https://outbound.example/");
        assertThat(received[0].getMessageID()).isEqualTo("<" + sid + ">");
        assertThat(listener.of(sid)).extracting(ChannelEvent::status).containsExactly(ChannelManagerStatus.DELIVERED);
    }

    @Test
    void the_message_goes_from_the_campaigns_source_with_text_and_html_parts_and_one_click_unsubscribe()
            throws Exception {
        var listener = new RecordingListener();
        var campaign = new CampaignDelivery(
                "+14155550100",
                "news@acme.example",
                null,
                null,
                null,
                null,
                Map.of("subject", "News for {{name}}", "body", "Hi {{name}}", "html", "<p>Hi <b>{{name}}</b></p>"),
                5);
        var attempt = new ChannelAttempt(
                77, 1, "k-77", Mode.EMAIL, "bo@example.com", campaign.from(), Map.of("name", "Bo & Co"), campaign);

        String sid = smtp().start(attempt, listener);
        advance(Duration.ofSeconds(1));

        MimeMessage m = MAIL.getReceivedMessagesForDomain("example.com")[0];
        assertThat(m.getFrom()[0].toString()).isEqualTo("news@acme.example");
        assertThat(m.getSubject()).isEqualTo("News for Bo & Co");
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        var parts = (jakarta.mail.internet.MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(String.valueOf(parts.getBodyPart(0).getContent())).isEqualTo("Hi Bo & Co");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(String.valueOf(parts.getBodyPart(1).getContent())).isEqualTo("<p>Hi <b>Bo &amp; Co</b></p>");
        String link = m.getHeader("List-Unsubscribe", null);
        assertThat(link).startsWith("<" + EmailTesting.PUBLIC_URL + "/email/unsubscribe/");
        String token = link.substring(link.lastIndexOf('/') + 1, link.length() - 1);
        assertThat(EmailTesting.tokens().verify(token)).contains(new UnsubscribeToken(5, 77, "bo@example.com"));
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(listener.of(sid)).extracting(ChannelEvent::status).containsExactly(ChannelManagerStatus.DELIVERED);
    }

    @Test
    void a_recipient_refused_for_good_is_invalid_and_a_temporary_refusal_is_deferred() {
        var listener = new RecordingListener();

        String refused = smtp().start(attempt(Mode.EMAIL, "nobody@refused.test"), listener);
        String later = smtp().start(attempt(Mode.EMAIL, "busy@later.test"), listener);
        advance(Duration.ofSeconds(1));

        assertThat(listener.of(refused)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(ChannelManagerStatus.INVALID);
            assertThat(e.detail()).contains("550");
        });
        assertThat(listener.of(later)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(ChannelManagerStatus.DEFERRED);
            assertThat(e.detail()).contains("451");
        });
    }

    @Produces(ChannelManagerStatus.DEFERRED)
    @Test
    void no_server_means_deferred_not_lost() throws Exception {
        relay().close();
        var listener = new RecordingListener();

        String sid = smtp().start(attempt(Mode.EMAIL, "ann@example.com"), listener);
        advance(Duration.ofSeconds(1));

        assertThat(listener.of(sid)).extracting(ChannelEvent::status).containsExactly(ChannelManagerStatus.DEFERRED);
    }

    @Test
    void a_target_that_is_no_email_address_is_refused_at_once() {
        assertThatThrownBy(() -> smtp().start(attempt(Mode.EMAIL, "not an address"), new RecordingListener()))
                .isInstanceOf(ChannelRefused.class);
        assertThatThrownBy(() -> smtp().start(attempt(Mode.VOICE, "+14155550123"), new RecordingListener()))
                .isInstanceOf(ChannelRefused.class);
        assertThat(smtp().modes()).isEqualTo(java.util.Set.of(Mode.EMAIL));
        assertThat(List.of(MAIL.getReceivedMessages())).isEmpty();
    }
}
