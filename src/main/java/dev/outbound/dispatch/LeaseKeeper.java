package dev.outbound.dispatch;

import dev.outbound.request.RequestLifecycle;
import dev.outbound.request.RequestStatus;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 5: renews this node's leases on everything in flight, and takes back claims whose lease
 * ran out (their node stopped renewing: it died). A lost claim that never connected is voided and
 * waits again; one that had reached the person is recorded as completed. For channels that can
 * tell what became of an attempt, the {@link Reconciler} asks the provider instead: voiding a
 * claim whose call was placed would dial the person twice. The simulator dies with its node.
 */
@Component
class LeaseKeeper {
    private final RequestLifecycle lifecycle;
    private final NodeName node;
    private final DispatchProperties properties;
    private final TransactionTemplate transactions;
    private final Reconciler reconciler;

    LeaseKeeper(
            RequestLifecycle lifecycle,
            NodeName node,
            DispatchProperties properties,
            TransactionTemplate transactions,
            Reconciler reconciler) {
        this.reconciler = reconciler;
        this.lifecycle = lifecycle;
        this.node = node;
        this.properties = properties;
        this.transactions = transactions;
    }

    int run(Instant now) {
        lifecycle.renewLeases(node.get(), now.plus(properties.lease()));
        int reclaimed = 0;
        for (long id : lifecycle.expiredLeases(100)) {
            if (reconciler.lost(id, now)) {
                continue;
            }
            Boolean done = transactions.execute(status -> reclaim(id, now));
            if (Boolean.TRUE.equals(done)) {
                reclaimed++;
            }
        }
        reconciler.stale(now);
        return reclaimed;
    }

    private boolean reclaim(long id, Instant now) {
        var locked = lifecycle.lock(id);
        if (locked.isEmpty()) {
            return false;
        }
        var state = locked.get();
        if (state.leaseUntil() == null || !state.leaseUntil().isBefore(now)) {
            return false; // renewed meanwhile
        }
        if (state.status() == RequestStatus.INITIATED) {
            return lifecycle.voidAttempt(state, state.attemptCount(), now);
        }
        if (state.status() == RequestStatus.CONNECTED) {
            return lifecycle.apply(
                    state, state.attemptCount(), RequestStatus.COMPLETED, state.channelStatus(), null, "lost", now);
        }
        return false;
    }
}
