package dev.outbound.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Simulator settings, bound from {@code OUTBOUND_SIMULATOR_*}.
 *
 * @param talkTime how long a simulated call answered by a person lasts, from HUMAN to COMPLETED
 *     ({@code OUTBOUND_SIMULATOR_TALK_TIME}, Spring duration syntax such as {@code 5s} or {@code
 *     PT2S}; zero allowed, negative refused)
 */
@ConfigurationProperties("outbound.simulator")
public record SimulatorProperties(@DefaultValue("5s") Duration talkTime) {

    public SimulatorProperties {
        if (talkTime.isNegative()) {
            throw new IllegalArgumentException("OUTBOUND_SIMULATOR_TALK_TIME must not be negative, got " + talkTime);
        }
    }
}
