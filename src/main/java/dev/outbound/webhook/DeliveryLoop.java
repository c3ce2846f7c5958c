package dev.outbound.webhook;

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
 * back while events are due, then every {@code OUTBOUND_WEBHOOKS_TICK}. A failing round (the
 * database restarting, say) is logged and the next one tries again.
 */
@Component
class DeliveryLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);
    private static final int MAX_ROUNDS_PER_TICK = 50;
    private final DeliveryWorker worker;
    private final DeliveryProperties properties;
    private @Nullable ScheduledExecutorService executor;

    DeliveryLoop(DeliveryWorker worker, DeliveryProperties properties) {
        this.worker = worker;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || executor != null) {
            return;
        }
        var ex = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("webhooks").daemon().factory());
        long period = properties.tick().toMillis();
        ex.scheduleWithFixedDelay(this::roundsSafely, period, period, TimeUnit.MILLISECONDS);
        executor = ex;
    }

    private void roundsSafely() {
        try {
            for (int i = 0; i < MAX_ROUNDS_PER_TICK && worker.runOnce() > 0; i++) {
                // keep going while events are due
            }
        } catch (RuntimeException e) {
            log.warn("Webhook delivery round failed, retrying next tick: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
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
