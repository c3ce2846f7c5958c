package dev.outbound.dispatch;

import dev.outbound.testing.MutableClock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the system clock with one the test sets, so days, windows and retries pass in milliseconds. */
@TestConfiguration
class DispatchTestConfig {
    /** Monday 2026-11-30 12:00 UTC. */
    static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    /** The service's only Clock in tests: primary over the system clock, settable by the test. */
    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(START);
    }
}
