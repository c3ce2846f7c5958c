package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.testing.SendGridStandIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Event Webhook's ECDSA check, with a key pair of the test's own. */
class SendGridSignatureTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final byte[] BODY = "[{\"event\":\"delivered\"}]".getBytes(StandardCharsets.UTF_8);

    private final SendGridStandIn sendGrid = new SendGridStandIn();

    @AfterEach
    void close() {
        sendGrid.close();
    }

    private SendGridSignature signature() {
        return new SendGridSignature(sendGrid.publicKey(), Duration.ofMinutes(10));
    }

    private static String seconds(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    @Test
    void a_post_signed_with_the_key_over_timestamp_and_body_is_accepted() {
        String ts = seconds(NOW.minusSeconds(30));

        assertThat(signature().valid(ts, BODY, sendGrid.sign(ts, BODY), NOW)).isTrue();
    }

    @Test
    void unsigned_altered_or_retimed_posts_are_refused() {
        String ts = seconds(NOW);
        String sig = sendGrid.sign(ts, BODY);

        assertThat(signature().valid(ts, BODY, null, NOW)).isFalse();
        assertThat(signature().valid(null, BODY, sig, NOW)).isFalse();
        assertThat(signature().valid(ts, "[]".getBytes(StandardCharsets.UTF_8), sig, NOW))
                .isFalse();
        assertThat(signature().valid(seconds(NOW.plusSeconds(1)), BODY, sig, NOW))
                .isFalse();
        assertThat(signature().valid(ts, BODY, "not base64!", NOW)).isFalse();
    }

    @Test
    void a_post_older_than_the_max_age_is_refused_even_when_signed() {
        String ts = seconds(NOW.minus(Duration.ofMinutes(11)));

        assertThat(signature().valid(ts, BODY, sendGrid.sign(ts, BODY), NOW)).isFalse();
    }

    @Test
    void without_a_configured_key_nothing_is_accepted() {
        String ts = seconds(NOW);

        assertThat(new SendGridSignature("", Duration.ofMinutes(10)).valid(ts, BODY, sendGrid.sign(ts, BODY), NOW))
                .isFalse();
    }

    @Test
    void a_key_that_is_not_an_ec_public_key_stops_the_service_at_start() {
        assertThatThrownBy(() -> new SendGridSignature("bm90IGEga2V5", Duration.ofMinutes(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OUTBOUND_SENDGRID_WEBHOOK_PUBLIC_KEY");
    }
}
