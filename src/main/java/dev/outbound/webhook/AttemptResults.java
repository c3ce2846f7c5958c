package dev.outbound.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what one attempt came to: DELIVERED on a 2xx; otherwise a retry after the backoff, or
 * DEAD once the next try would fall past {@code OUTBOUND_WEBHOOKS_RETRY_FOR} after the first
 * attempt. The event and its attempt row change together, and only while this worker still holds
 * the lease: a result that lost its lease to another node is dropped (that node sends again).
 *
 * <p>Results are written by group commit: a call's thread queues its result and either writes
 * every queued result in one transaction (two batched statements) or waits while another thread
 * does. A transaction per call took a pooled connection per call, thousands a second under load,
 * and starved the dispatcher of connections. {@link #record} still returns only once its own
 * result is stored (or throws if that failed), as before.
 */
@Component
class AttemptResults {
    private static final int MAX_GROUP = 500;
    private final EventStatusWriter statuses;
    private final AttemptLogRepository attempts;
    private final WebhookMetrics metrics;
    private final DeliveryProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Queue<Result> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    AttemptResults(
            EventStatusWriter statuses,
            AttemptLogRepository attempts,
            WebhookMetrics metrics,
            DeliveryProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.statuses = statuses;
        this.attempts = attempts;
        this.metrics = metrics;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A result on its way to the database; {@code stored} completes once it is written (or dropped). */
    private record Result(
            EventStatusWriter.Finish finish,
            AttemptLogRepository.Attempt attempt,
            Sender.Result call,
            CompletableFuture<Boolean> stored) {}

    void record(OutboxEvent e, String token, Instant at, Sender.Result r, boolean giveUp) {
        int attemptNo = e.attempts() + 1;
        Instant now = clock.instant();
        @Nullable Instant retryAt = null;
        EventStatus status = EventStatus.DELIVERED;
        if (!r.ok()) {
            Instant first = e.firstAttemptAt() == null ? at : e.firstAttemptAt();
            Instant next = now.plus(Backoff.delay(attemptNo, properties.backoffBase(), properties.backoffMax()));
            boolean expired = next.isAfter(first.plus(properties.retryFor()));
            status = giveUp || expired ? EventStatus.DEAD : EventStatus.PENDING;
            retryAt = status == EventStatus.PENDING ? next : null;
        }
        String outcome = status == EventStatus.PENDING ? "RETRY" : status.name();
        var result = new Result(
                new EventStatusWriter.Finish(
                        e.pk(), token, status, at, retryAt, r.statusCode(), r.error(), r.ok() ? now : null),
                new AttemptLogRepository.Attempt(
                        e.pk(),
                        e.webhookId(),
                        attemptNo,
                        at,
                        r.statusCode(),
                        r.took().toMillis(),
                        r.error(),
                        outcome,
                        retryAt),
                r,
                new CompletableFuture<>());
        queued.add(result);
        awaitStored(result);
    }

    /**
     * Writes queued results while there are any and no other thread is writing, then waits for
     * this one. Whoever releases the lock looks at the queue again, so a result queued while
     * another thread held it is written by that thread or a later one: waiting threads need not
     * wake up to look (polling every 5 ms, hundreds of waiting calls cost more CPU than the calls).
     */
    private void awaitStored(Result mine) {
        while (!queued.isEmpty() && writing.tryLock()) {
            try {
                writeQueued();
            } finally {
                writing.unlock();
            }
        }
        try {
            mine.stored().join();
        } catch (CompletionException ce) {
            throw ce.getCause() instanceof RuntimeException re ? re : ce;
        }
    }

    private void writeQueued() {
        var group = new ArrayList<Result>();
        Result next;
        while (group.size() < MAX_GROUP && (next = queued.poll()) != null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        boolean[] kept;
        try {
            kept = transactions.execute(tx -> {
                boolean[] changed =
                        statuses.finishAll(group.stream().map(Result::finish).toList());
                var rows = new ArrayList<AttemptLogRepository.Attempt>();
                for (int i = 0; i < changed.length; i++) {
                    if (changed[i]) {
                        rows.add(group.get(i).attempt());
                    }
                }
                attempts.insertAll(rows);
                return changed;
            });
        } catch (RuntimeException failed) {
            // Nothing of the group is stored; each event keeps its lease, runs out of it and is sent again.
            group.forEach(g -> g.stored().completeExceptionally(failed));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            Result g = group.get(i);
            boolean stored = kept != null && kept[i];
            if (stored) {
                metrics.attempt(g.call().took(), g.call().ok());
                if (g.finish().to() == EventStatus.PENDING) {
                    metrics.retried();
                } else if (g.finish().to() == EventStatus.DEAD) {
                    metrics.dead();
                }
            }
            g.stored().complete(stored);
        }
    }
}
