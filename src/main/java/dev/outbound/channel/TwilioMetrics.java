package dev.outbound.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Twilio API errors at /actuator/prometheus ({@code outbound_twilio_errors_total{kind}}), one count
 * per failed HTTP exchange (each retry counts) and per call the open circuit breaker refused. All
 * kinds are registered at start, at 0, so alerts and dashboards see the series before the first
 * error and on nodes that never call Twilio.
 */
@Component
class TwilioMetrics {
    /** What went wrong with one exchange. */
    enum Kind {
        /** No answer: connection refused or reset, timeout, interrupted. */
        UNREACHABLE,
        /** 5xx: retried, and counted by the circuit breaker. */
        SERVER,
        /** 429: Twilio's own rate limit; the attempt waits for Retry-After. */
        THROTTLED,
        /** Other 4xx: the request was refused (bad number, unverified caller id, credentials). */
        REJECTED,
        /** The circuit breaker was open: Twilio was not called. */
        BREAKER_OPEN;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** By {@link Kind#ordinal()}. */
    private final Counter[] errors = new Counter[Kind.values().length];

    TwilioMetrics(MeterRegistry registry) {
        for (Kind kind : Kind.values()) {
            errors[kind.ordinal()] = Counter.builder("outbound.twilio.errors")
                    .description("Twilio API exchanges that failed, by kind (each retry counts)")
                    .tag("kind", kind.tag())
                    .register(registry);
        }
    }

    /** For channels made outside Spring (tests): counts go nowhere that is served. */
    static TwilioMetrics unserved() {
        return new TwilioMetrics(new SimpleMeterRegistry());
    }

    void error(Kind kind) {
        errors[kind.ordinal()].increment();
    }
}
