package dev.outbound.dispatch;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Dispatcher#tick()} every {@code OUTBOUND_DISPATCH_TICK} on one thread while the
 * service runs (unless {@code OUTBOUND_DISPATCH_ENABLED=false}). A failing tick (the database
 * restarting, say) is logged and the next one tries again.
 */
@Component
class DispatchLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);
    private final Dispatcher dispatcher;
    private final DispatchProperties properties;
    private @Nullable ScheduledExecutorService executor;

    DispatchLoop(Dispatcher dispatcher, DispatchProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || executor != null) {
            return;
        }
        var ex = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("dispatcher").daemon().factory());
        long period = properties.tick().toMillis();
        ex.scheduleWithFixedDelay(this::tickSafely, period, period, TimeUnit.MILLISECONDS);
        executor = ex;
    }

    private void tickSafely() {
        try {
            dispatcher.tick();
        } catch (RuntimeException e) {
            log.warn("Dispatch tick failed, retrying next tick: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
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
