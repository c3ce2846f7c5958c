package dev.outbound.webhook;

import dev.outbound.campaign.WebhookTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery rounds: lease due events (at most {@code concurrency} in flight per webhook across
 * nodes, only a request's oldest pending event per webhook), send each on its own virtual thread,
 * and record each result. A node keeps at most {@link #inFlightLimit} calls open, so slow
 * receivers cost it neither threads nor unbounded memory. A node that dies mid-call loses its
 * lease after {@link DeliveryProperties#deadline()} plus a margin, and another node sends the
 * event again with the same {@code webhook-id}.
 */
@Component
public class DeliveryWorker implements AutoCloseable {
    private final EventRepository events;
    private final EventStatusWriter statuses;
    private final DeliveryTargets targets;
    private final Sender sender;
    private final AttemptResults results;
    private final DeliveryProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String node = "webhooks-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    /** One permit per call that ended since the loop last looked. */
    private final Semaphore ended = new Semaphore(0);

    DeliveryWorker(
            EventRepository events,
            EventStatusWriter statuses,
            DeliveryTargets targets,
            Sender sender,
            AttemptResults results,
            DeliveryProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.events = events;
        this.statuses = statuses;
        this.targets = targets;
        this.sender = sender;
        this.results = results;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.slots = new Semaphore(inFlightLimit(properties));
    }

    /** Most calls one node has open at once. */
    static int inFlightLimit(DeliveryProperties properties) {
        return 2 * Math.max(1, properties.claimLimit());
    }

    /** Runs one round to the end (every call answered or given up) and answers how many events it attempted. */
    public int runOnce() {
        return round(true);
    }

    /** Starts one round's calls without waiting for them; answers how many it started. */
    int startRound() {
        return round(false);
    }

    private int round(boolean wait) {
        int limit = Math.min(Math.max(1, properties.claimLimit()), slots.availablePermits());
        if (limit <= 0) {
            return 0;
        }
        Instant now = clock.instant();
        String token = node + "-" + UUID.randomUUID();
        Instant leaseUntil = now.plus(properties.deadline()).plus(Duration.ofSeconds(30));
        List<OutboxEvent> claimed = transactions.execute(
                status -> statuses.claim(token, now, leaseUntil, limit, Math.max(1, properties.concurrency())));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        slots.acquireUninterruptibly(claimed.size());
        var calls = new ArrayList<Future<?>>();
        for (OutboxEvent e : claimed) {
            calls.add(threads.submit(() -> {
                try {
                    deliver(e, token);
                } finally {
                    slots.release();
                    ended.release();
                }
            }));
        }
        if (wait) {
            for (Future<?> call : calls) {
                try {
                    call.get();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException ee) {
                    throw ee.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ee.getCause());
                }
            }
        }
        return claimed.size();
    }

    /**
     * Waits up to {@code max} for a call to end; answers false at once when none is open and none
     * ended since the last wait, and false when none ended in time.
     */
    boolean awaitCallEnd(Duration max) {
        if (ended.availablePermits() == 0 && slots.availablePermits() == inFlightLimit(properties)) {
            return false;
        }
        try {
            if (!ended.tryAcquire(max.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        ended.drainPermits();
        return true;
    }

    /** Deletes delivered and dead events older than the retention; answers how many. */
    int purge() {
        Instant before = clock.instant().minus(properties.retention());
        int total = 0;
        int n;
        do {
            n = events.purge(before, 1000);
            total += n;
        } while (n == 1000);
        return total;
    }

    /** Lets calls in flight finish (each is cut off at the deadline) before the service stops. */
    @Override
    public void close() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(properties.deadline().toSeconds() + 5, TimeUnit.SECONDS);
    }

    private void deliver(OutboxEvent e, String token) {
        Instant at = clock.instant();
        String url = e.targetUrl();
        if (url != null) {
            var headers = Signature.headers(e.eventId(), at, e.payload(), properties.agentKey());
            results.record(e, token, at, sender.send(url, "POST", headers, e.payload()), false);
            return;
        }
        Optional<WebhookTarget> target = targets.find(e.campaignId(), e.webhookId());
        if (target.isEmpty()) {
            results.record(
                    e, token, at, new Sender.Result(null, "webhook removed from its campaign", Duration.ZERO), true);
            return;
        }
        WebhookTarget hook = target.get();
        var headers = Signature.headers(e.eventId(), at, e.payload(), hook.hmacSecret());
        results.record(e, token, at, sender.send(hook.url(), hook.requestMethod(), headers, e.payload()), false);
    }
}
