package dev.outbound.dispatch;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's worker threads ({@code OUTBOUND_DISPATCH_PARALLELISM}). A tick's work is
 * mostly waiting on database round trips, so a few lanes multiply throughput; fewer lanes than
 * database connections keep the API served.
 */
@Component
class Lanes implements DisposableBean {
    private final ExecutorService executor;

    Lanes(DispatchProperties properties) {
        this.executor = Executors.newFixedThreadPool(
                Math.max(1, properties.parallelism()),
                Thread.ofPlatform().name("dispatch-lane-", 0).daemon().factory());
    }

    <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return executor.invokeAll(tasks);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
