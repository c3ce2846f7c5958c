package dev.outbound.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Delivery metrics at /actuator/prometheus: events delivered, failed attempts (non-2xx, timeout,
 * refused address), retries scheduled, events dead, and the latency of each attempt.
 */
@Component
class WebhookMetrics {
    private final Counter delivered;
    private final Counter failed;
    private final Counter retried;
    private final Counter dead;
    private final Timer latency;

    WebhookMetrics(MeterRegistry registry) {
        this.delivered = Counter.builder("outbound.webhooks.delivered")
                .description("Events a receiver accepted (2xx)")
                .register(registry);
        this.failed = Counter.builder("outbound.webhooks.failed")
                .description("Attempts that failed: non-2xx, timeout, connection or address refused")
                .register(registry);
        this.retried = Counter.builder("outbound.webhooks.retried")
                .description("Failed attempts scheduled for another try")
                .register(registry);
        this.dead = Counter.builder("outbound.webhooks.dead")
                .description("Events given up on after the retry period")
                .register(registry);
        this.latency = Timer.builder("outbound.webhooks.delivery")
                .description("Time of one delivery attempt")
                .register(registry);
    }

    void attempt(Duration took, boolean ok) {
        latency.record(took);
        (ok ? delivered : failed).increment();
    }

    void retried() {
        retried.increment();
    }

    void dead() {
        dead.increment();
    }
}
