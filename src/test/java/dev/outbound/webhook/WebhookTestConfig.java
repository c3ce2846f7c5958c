package dev.outbound.webhook;

import dev.outbound.testing.MutableClock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A settable clock for the dispatcher and the delivery workers. */
@TestConfiguration
class WebhookTestConfig {
    /** Monday 2026-11-30 12:00 UTC. */
    static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(START);
    }
}
