package dev.outbound.dispatch;

import dev.outbound.channel.ChannelManagerStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Dispatcher metrics, served at /actuator/prometheus: attempts started, outcomes by kind and
 * channel status, tick and claim latency, how far a batch lagged its schedule when last served, and
 * reconciliation: asks to the provider by whether it answered, and attempts ended NO_OUTCOME.
 */
@Component
class DispatchMetrics {
    private final MeterRegistry registry;
    private final Counter attempts;
    private final Timer claims;
    private final Counter slowRecords;
    private final Timer ticks;
    private final AtomicLong lagMillis = new AtomicLong();
    private final Counter reconcileAnswered;
    private final Counter reconcileUnanswered;
    private final Counter reconcileNoOutcome;

    DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.attempts = Counter.builder("outbound.dispatch.attempts")
                .description("Attempts handed to channels")
                .register(registry);
        this.claims = Timer.builder("outbound.dispatch.claim")
                .description("Time to claim a batch's due requests")
                .register(registry);
        this.ticks = Timer.builder("outbound.dispatch.tick")
                .description("Time one dispatcher tick took, from polling channels to recording outcomes")
                .register(registry);
        this.slowRecords = Counter.builder("outbound.dispatch.record.fallbacks")
                .description("Chunks of channel events that had to be recorded one event at a time")
                .register(registry);
        registry.gauge("outbound.dispatch.lag.seconds", lagMillis, v -> v.get() / 1000.0);
        // Registered at start (at 0) so an alert on the unanswered rate sees the series at once.
        this.reconcileAnswered = reconcileAsks(registry, "answered");
        this.reconcileUnanswered = reconcileAsks(registry, "unanswered");
        this.reconcileNoOutcome = Counter.builder("outbound.reconcile.no_outcome")
                .description("Attempts ended NO_OUTCOME: the provider said nothing within OUTBOUND_RECONCILE_HORIZON")
                .register(registry);
    }

    private static Counter reconcileAsks(MeterRegistry registry, String answer) {
        return Counter.builder("outbound.reconcile.asks")
                .description("Provider asked what became of an attempt; unanswered: it could not be asked")
                .tag("answer", answer)
                .register(registry);
    }

    void reconcileAsked(boolean answered) {
        (answered ? reconcileAnswered : reconcileUnanswered).increment();
    }

    void reconcileEndedNoOutcome() {
        reconcileNoOutcome.increment();
    }

    void attempted(int n) {
        attempts.increment(n);
    }

    void claimTook(Duration d) {
        claims.record(d);
    }

    void tickTook(Duration d) {
        ticks.record(d);
    }

    void recordedOneByOne() {
        slowRecords.increment();
    }

    /** Chunks recorded one event at a time so far; 0 while every chunk went through whole. */
    double fallbacks() {
        return slowRecords.count();
    }

    void lag(Duration d) {
        lagMillis.set(Math.max(0, d.toMillis()));
    }

    void outcome(String outcome, ChannelManagerStatus channelStatus) {
        registry.counter("outbound.dispatch.outcomes", "outcome", outcome, "channel_status", channelStatus.wire())
                .increment();
    }
}
