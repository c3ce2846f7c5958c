package dev.outbound.callback;

import dev.outbound.testing.MutableClock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The service's clock, set by the test, so a callback hours ahead is reached in milliseconds. */
@TestConfiguration
class CallbackTestConfig {
    /** Monday 2026-11-30 12:00 UTC (07:00 in New York). */
    static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(START);
    }
}
