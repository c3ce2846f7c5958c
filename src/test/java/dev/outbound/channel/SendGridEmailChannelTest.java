package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.testing.MutableClock;
import dev.outbound.testing.SendGridStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The SendGrid channel against a local stand-in for the v3 Mail Send API. */
class SendGridEmailChannelTest {
    private static final String BAD_RECIPIENT = """
            {"errors":[{"message":"Does not contain a valid address.","field":"personalizations.0.to.0.email"}]}""";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final SendGridStandIn sendGrid = new SendGridStandIn();
    private final RecordingListener listener = new RecordingListener();
    private final SendGridEmailChannel channel = channel(SendGridStandIn.API_KEY, Duration.ofSeconds(2));

    @AfterEach
    void close() throws Exception {
        channel.destroy();
        sendGrid.close();
    }

    private SendGridEmailChannel channel(String apiKey, Duration timeout) {
        var properties = new SendGridProperties(apiKey, sendGrid.baseUrl(), "", Duration.ofMinutes(10), 4, timeout);
        return new SendGridEmailChannel(
                properties, EmailTesting.composer(""), JsonMapper.builder().build(), clock);
    }

    private static ChannelAttempt attempt(long requestId, String key, String to) {
        return new ChannelAttempt(
                requestId, 1, key, Mode.EMAIL, to, null, Map.of("subject", "Hello", "body", "See you tomorrow."));
    }

    @Test
    void an_accepted_message_is_queued_under_sendgrids_message_id_with_the_attempt_in_its_custom_args() {
        String sid = channel.start(attempt(42, "k-1", "ann@example.com"), listener);

        var received = sendGrid.receivedBy("ann@example.com");
        assertThat(received).hasSize(1);
        var r = received.getFirst();
        assertThat(sid).isEqualTo(r.messageId());
        assertThat(r.authorization()).isEqualTo("Bearer " + SendGridStandIn.API_KEY);
        assertThat(r.body().path("from").path("email").asString()).isEqualTo("campaigns@outbound.test");
        assertThat(r.body().path("subject").asString()).isEqualTo("Hello");
        assertThat(r.body().path("content").path(0).path("type").asString()).isEqualTo("text/plain");
        assertThat(r.body().path("content").path(0).path("value").asString()).isEqualTo("See you tomorrow.");
        assertThat(r.body().path("content").size())
                .as("no HTML part when none is composed")
                .isEqualTo(1);
        assertThat(r.customArg("outbound_request_id")).isEqualTo("42");
        assertThat(r.customArg("outbound_attempt")).isEqualTo("1");
        assertThat(listener.of(sid)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(ChannelManagerStatus.QUEUED);
            assertThat(e.ended()).isFalse();
        });
    }

    @Test
    void the_same_idempotency_key_never_sends_twice() {
        String first = channel.start(attempt(1, "same", "bob@example.org"), listener);
        String second = channel.start(attempt(1, "same", "bob@example.org"), listener);

        assertThat(second).isEqualTo(first);
        assertThat(sendGrid.receivedBy("bob@example.org")).hasSize(1);
    }

    @Test
    void a_recipient_sendgrid_refuses_is_refused_for_good() {
        sendGrid.answer("bad@example.org", 400, BAD_RECIPIENT, Duration.ZERO);

        assertThatThrownBy(() -> channel.start(attempt(2, "k-2", "bad@example.org"), listener))
                .isInstanceOf(ChannelRefused.class)
                .hasMessageContaining("valid address");
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void a_refused_api_key_ends_the_attempt_failed() {
        sendGrid.answer("locked@example.org", 401, "{\"errors\":[{\"message\":\"bad key\"}]}", Duration.ZERO);

        String sid = channel.start(attempt(3, "k-3", "locked@example.org"), listener);

        assertThat(listener.of(sid)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(ChannelManagerStatus.FAILED);
            assertThat(e.ended()).isTrue();
            assertThat(e.detail()).contains("401", "bad key");
        });
    }

    @Test
    void throttling_server_errors_and_timeouts_leave_the_attempt_for_later_and_send_again_then() {
        sendGrid.answer("busy@example.org", 429, "", Duration.ZERO);
        sendGrid.answer("down@example.org", 503, "", Duration.ZERO);
        sendGrid.answer("slow@example.org", 202, "", Duration.ofSeconds(4));

        for (String to : new String[] {"busy@example.org", "down@example.org", "slow@example.org"}) {
            assertThatThrownBy(() -> channel.start(attempt(4, "k-" + to, to), listener))
                    .as(to)
                    .isInstanceOf(ChannelUnavailable.class);
        }
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void startup_fails_with_a_clear_message_when_chosen_without_an_api_key() throws Exception {
        var unkeyed = channel("", Duration.ofSeconds(2));
        try {
            assertThatThrownBy(unkeyed::checkConfigured)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("OUTBOUND_CHANNELS_EMAIL=sendgrid needs OUTBOUND_SENDGRID_API_KEY");
            assertThat(new SendGridProperties(SendGridStandIn.API_KEY, "", "", Duration.ZERO, 1, Duration.ZERO)
                            .toString())
                    .doesNotContain(SendGridStandIn.API_KEY);
        } finally {
            unkeyed.destroy();
        }
    }
}
