package dev.outbound.webhook;

import dev.outbound.campaign.CampaignWebhooks;
import dev.outbound.campaign.WebhookTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
    private final AttemptLogRepository attempts;
    private final CampaignWebhooks webhooks;
    private final Sender sender;
    private final WebhookMetrics metrics;
    private final DeliveryProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String node = "webhooks-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;

    DeliveryWorker(
            EventRepository events,
            AttemptLogRepository attempts,
            CampaignWebhooks webhooks,
            Sender sender,
            WebhookMetrics metrics,
            DeliveryProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.events = events;
        this.attempts = attempts;
        this.webhooks = webhooks;
        this.sender = sender;
        this.metrics = metrics;
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
                status -> events.claim(token, now, leaseUntil, limit, Math.max(1, properties.concurrency())));
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
        Optional<WebhookTarget> target = webhooks.find(e.campaignId(), e.webhookId());
        if (target.isEmpty()) {
            record(e, token, at, new Sender.Result(null, "webhook removed from its campaign", Duration.ZERO), true);
            return;
        }
        WebhookTarget hook = target.get();
        Sender.Result result = sender.send(hook.url(), hook.requestMethod(), headers(e, hook, at), e.payload());
        record(e, token, at, result, false);
    }

    private static Map<String, String> headers(OutboxEvent e, WebhookTarget hook, Instant at) {
        long timestamp = at.getEpochSecond();
        var headers = new LinkedHashMap<String, String>();
        headers.put("webhook-id", e.eventId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        byte[] secret = hook.hmacSecret();
        if (secret != null) {
            headers.put("webhook-signature", Signature.sign(secret, e.eventId(), timestamp, e.payload()));
        }
        return headers;
    }

    private void record(OutboxEvent e, String token, Instant at, Sender.Result r, boolean giveUp) {
        int attemptNo = e.attempts() + 1;
        String status;
        @Nullable Instant next = null;
        if (r.ok()) {
            status = EventRepository.DELIVERED;
        } else {
            Instant first = e.firstAttemptAt() == null ? at : e.firstAttemptAt();
            Instant retryAt =
                    clock.instant().plus(Backoff.delay(attemptNo, properties.backoffBase(), properties.backoffMax()));
            boolean expired = retryAt.isAfter(first.plus(properties.retryFor()));
            status = giveUp || expired ? EventRepository.DEAD : EventRepository.PENDING;
            next = status.equals(EventRepository.PENDING) ? retryAt : null;
        }
        String outcome = status.equals(EventRepository.PENDING) ? "RETRY" : status;
        @Nullable Instant retryAt = next;
        Boolean kept = transactions.execute(tx -> {
            if (!events.finish(
                    e.pk(), token, status, at, retryAt, r.statusCode(), r.error(), r.ok() ? clock.instant() : null)) {
                return false;
            }
            attempts.insert(
                    e.pk(),
                    e.webhookId(),
                    attemptNo,
                    at,
                    r.statusCode(),
                    r.took().toMillis(),
                    r.error(),
                    outcome,
                    retryAt);
            return true;
        });
        if (Boolean.TRUE.equals(kept)) {
            metrics.attempt(r.took(), r.ok());
            if (status.equals(EventRepository.PENDING)) {
                metrics.retried();
            } else if (status.equals(EventRepository.DEAD)) {
                metrics.dead();
            }
        }
    }
}
