package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.testing.MutableClock;
import dev.outbound.testing.TwilioStandIn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** outbound_twilio_errors_total counts each failed exchange with Twilio by kind, for the alerts. */
class TwilioMetricsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final TwilioStandIn standIn = new TwilioStandIn(clock::instant);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TwilioChannel channel = new TwilioChannel(
            TwilioTesting.properties(standIn.baseUrl(), 1),
            JsonMapper.builder().build(),
            clock,
            new TwilioPace() {
                @Override
                public boolean take(Instant now) {
                    return true;
                }

                @Override
                public void holdUntil(Instant until) {}
            },
            TwilioTesting.AGENT_HOSTS,
            () -> null,
            SmsDeliveryProperties.DEFAULT_WAIT,
            new TwilioMetrics(registry));

    @AfterEach
    void stop() {
        standIn.close();
    }

    private double errors(String kind) {
        return registry.get("outbound.twilio.errors")
                .tag("kind", kind)
                .counter()
                .count();
    }

    private static ChannelAttempt voice(long id, String to) {
        return new ChannelAttempt(id, 1, id + "-1", Mode.VOICE, to, null, Map.of());
    }

    @Test
    void every_kind_is_served_at_zero_before_the_first_error() {
        assertThat(registry.get("outbound.twilio.errors").counters())
                .extracting(c -> c.getId().getTag("kind"))
                .containsExactlyInAnyOrder("unreachable", "server", "throttled", "rejected", "breaker_open");
        assertThat(errors("server")).isZero();
    }

    @Test
    void a_retried_500_a_429_and_a_refused_number_each_count_under_their_kind() {
        standIn.failNext(500);
        channel.start(voice(9001, "+14155550131"), (event) -> {});
        assertThat(errors("server")).isEqualTo(1);

        standIn.failNext(429);
        assertThatThrownBy(() -> channel.start(voice(9002, "+14155550132"), (event) -> {}))
                .isInstanceOf(ChannelUnavailable.class);
        assertThat(errors("throttled")).isEqualTo(1);

        standIn.refuse("+14155550133");
        assertThatThrownBy(() -> channel.start(voice(9003, "+14155550133"), (event) -> {}))
                .isInstanceOf(ChannelRefused.class);
        assertThat(errors("rejected")).isEqualTo(1);
        assertThat(errors("unreachable")).isZero();
    }
}
