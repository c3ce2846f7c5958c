package dev.outbound.webhook;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what one attempt came to: DELIVERED on a 2xx; otherwise a retry after the backoff, or
 * DEAD once the next try would fall past {@code OUTBOUND_WEBHOOKS_RETRY_FOR} after the first
 * attempt. The event and its attempt row change together, and only while this worker still holds
 * the lease: a result that lost its lease to another node is dropped (that node sends again).
 */
@Component
class AttemptResults {
    private final EventStatusWriter statuses;
    private final AttemptLogRepository attempts;
    private final WebhookMetrics metrics;
    private final DeliveryProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

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
        EventStatus finalStatus = status;
        @Nullable Instant finalRetryAt = retryAt;
        String outcome = status == EventStatus.PENDING ? "RETRY" : status.name();
        Boolean kept = transactions.execute(tx -> {
            if (!statuses.finish(
                    e.pk(), token, finalStatus, at, finalRetryAt, r.statusCode(), r.error(), r.ok() ? now : null)) {
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
                    finalRetryAt);
            return true;
        });
        if (Boolean.TRUE.equals(kept)) {
            metrics.attempt(r.took(), r.ok());
            if (status == EventStatus.PENDING) {
                metrics.retried();
            } else if (status == EventStatus.DEAD) {
                metrics.dead();
            }
        }
    }
}
