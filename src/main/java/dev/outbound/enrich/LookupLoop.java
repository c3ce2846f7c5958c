package dev.outbound.enrich;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link LookupWorker} while the service runs, when Lookup is configured and the dispatcher
 * is enabled (tests drive the worker themselves): again at once while pages come back full (rows
 * of unfiltered campaigns passed over count, so they do not slow the walk), once
 * a second otherwise. Passes whose lookups fail (bad credentials, 429, Lookup down) back off,
 * doubling up to a minute, so a failing Lookup is not hammered.
 */
@Component
class LookupLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LookupLoop.class);
    private final LookupWorker worker;
    private final boolean enabled;
    private @Nullable ScheduledExecutorService executor;

    LookupLoop(
            LookupWorker worker,
            LookupProperties properties,
            @Value("${outbound.dispatch.enabled:true}") boolean dispatchEnabled) {
        this.worker = worker;
        this.enabled = properties.configured() && dispatchEnabled;
    }

    @Override
    public synchronized void start() {
        if (!enabled || executor != null) {
            return;
        }
        var ex = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lookup").daemon().factory());
        ex.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.SECONDS);
        executor = ex;
    }

    private int skip;
    private int backoff;

    private void drain() {
        if (skip > 0) {
            skip--;
            return;
        }
        try {
            LookupWorker.Pass pass;
            do {
                pass = worker.runOnce();
            } while (pass.failed() == 0 && pass.scanned() >= LookupWorker.PAGE);
            backoff = pass.failed() == 0 ? 0 : Math.min(MAX_BACKOFF, Math.max(1, backoff * 2));
        } catch (RuntimeException e) {
            log.warn("Lookup pass failed, retrying: {}", e.toString());
            backoff = Math.min(MAX_BACKOFF, Math.max(1, backoff * 2));
        }
        skip = backoff;
    }

    /** Seconds skipped at most after failing passes. */
    private static final int MAX_BACKOFF = 60;

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
