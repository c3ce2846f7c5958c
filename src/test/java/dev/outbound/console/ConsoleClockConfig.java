package dev.outbound.console;

import dev.outbound.testing.MutableClock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A settable clock, so the browser test runs the dispatcher through hours in seconds. */
@TestConfiguration
class ConsoleClockConfig {
    /** Monday 2026-11-30 12:00 UTC. */
    static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(START);
    }
}
