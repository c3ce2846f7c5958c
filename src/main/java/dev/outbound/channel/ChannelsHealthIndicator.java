package dev.outbound.channel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether each mode's channel takes new attempts ({@link Channel#accepting()}), for operators: the
 * gauge {@code outbound_channel_accepting{channel,mode}} (1 or 0) and the health component {@code
 * channels}, shown with its details at {@code /actuator/health/dialing}. The component is always
 * UP: a trunk that does not answer is not a fault of this node, and a load balancer must not take
 * the node out (its API still works); the dispatcher waits for the channel instead.
 */
@Component
final class ChannelsHealthIndicator implements HealthIndicator {
    private final Channels channels;

    ChannelsHealthIndicator(Channels channels, MeterRegistry registry) {
        this.channels = channels;
        for (Mode mode : Mode.values()) {
            Channel channel = channels.forMode(mode);
            Gauge.builder("outbound.channel.accepting", channel, c -> c.accepting() ? 1 : 0)
                    .description("1 while the mode's channel takes new attempts; 0 while the dispatcher"
                            + " claims nothing for it (the SIP trunk does not answer its OPTIONS)")
                    .tag("channel", channel.name())
                    .tag("mode", mode.wire())
                    .register(registry);
        }
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (Mode mode : Mode.values()) {
            Channel channel = channels.forMode(mode);
            details.put(mode.wire(), Map.of("channel", channel.name(), "accepting", channel.accepting()));
        }
        return Health.up().withDetails(details).build();
    }
}
