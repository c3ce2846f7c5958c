package dev.outbound.forecast;

import dev.outbound.testing.MutableClock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The service's clock, set by the test, so days of dialling pass in seconds. */
@TestConfiguration
class ForecastTestConfig {
    /** Monday 2026-11-30 08:00 UTC, an hour before a 09:00 window opens. */
    static final Instant MONDAY_8AM = Instant.parse("2026-11-30T08:00:00Z");

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(MONDAY_8AM);
    }
}
