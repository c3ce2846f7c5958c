package dev.outbound.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs delivery rounds on every node (unless {@code OUTBOUND_WEBHOOKS_ENABLED=false}): back to
 * back while events are due and calls may be opened; while calls are open, again as soon as one
 * ends (its slot is free, and the request's next event may now go); otherwise every
 * {@code OUTBOUND_WEBHOOKS_TICK}. Hourly it purges finished events past
 * {@code OUTBOUND_WEBHOOKS_RETENTION}. A failing round (the database restarting, say) is logged
 * and the next one tries again.
 */
@Component
class DeliveryLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);
    /** A busy stretch ends after this, so the purge still gets its turn. */
    private static final Duration MAX_BUSY = Duration.ofMinutes(1);

    private final DeliveryWorker worker;
    private final DeliveryProperties properties;
    private final Clock clock;
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private @Nullable ScheduledExecutorService executor;
    private Instant nextPurge = Instant.EPOCH;
    private volatile boolean running;

    DeliveryLoop(DeliveryWorker worker, DeliveryProperties properties, Clock clock) {
        this.worker = worker;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || executor != null) {
            return;
        }
        var ex = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("webhooks").daemon().factory());
        long period = properties.tick().toMillis();
        running = true;
        ex.scheduleWithFixedDelay(this::roundsSafely, period, period, TimeUnit.MILLISECONDS);
        executor = ex;
    }

    private void roundsSafely() {
        try {
            // Waiting a whole tick whenever the slots were full held delivery to a few events per
            // tick per webhook (measured under load: the backlog grew without end).
            long until = System.nanoTime() + MAX_BUSY.toNanos();
            while (running && System.nanoTime() < until) {
                if (worker.startRound() == 0 && !worker.awaitCallEnd(properties.tick())) {
                    break; // nothing due, and no call open that could free a slot or a next event
                }
            }
            Instant now = clock.instant();
            if (now.isAfter(nextPurge)) {
                nextPurge = now.plus(PURGE_EVERY);
                int purged = worker.purge();
                if (purged > 0) {
                    log.info("Purged {} finished webhook events past their retention", purged);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Webhook delivery round failed, retrying next tick: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
