package dev.outbound.dispatch;

import dev.outbound.request.Change;
import dev.outbound.request.Claims;
import dev.outbound.request.Outcomes;
import dev.outbound.request.RequestStatus;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 5: renews this node's leases on what its channels are working on ({@link InFlight}), at
 * most once per half lease, and takes back claims whose lease
 * ran out (their node stopped renewing: it died). A lost claim that never connected is voided and
 * waits again; one that had reached the person is recorded as completed. For channels that can
 * tell what became of an attempt, the {@link Reconciler} asks the provider instead: voiding a
 * claim whose call was placed would dial the person twice. The simulator dies with its node.
 */
@Component
class LeaseKeeper {
    private final Claims lifecycle;
    private final Outcomes outcomes;
    private final NodeName node;
    private final DispatchProperties properties;
    private final TransactionTemplate transactions;
    private final InFlight inFlight;
    private @org.jspecify.annotations.Nullable Instant lastPruned;
    private @org.jspecify.annotations.Nullable Instant lastRenewed;
    private final Reconciler reconciler;

    LeaseKeeper(
            Claims lifecycle,
            Outcomes outcomes,
            NodeName node,
            DispatchProperties properties,
            TransactionTemplate transactions,
            InFlight inFlight,
            Reconciler reconciler) {
        this.inFlight = inFlight;
        this.reconciler = reconciler;
        this.lifecycle = lifecycle;
        this.outcomes = outcomes;
        this.node = node;
        this.properties = properties;
        this.transactions = transactions;
    }

    int run(Instant now) {
        // Renewing once per half lease keeps every lease at least half its length ahead, without
        // rewriting thousands of in-flight rows on every tick.
        if (lastRenewed == null
                || !now.isBefore(lastRenewed.plus(properties.lease().dividedBy(2)))) {
            var ids = inFlight.ids();
            lifecycle.renewLeases(node.get(), ids, now.plus(properties.lease()));
            lastRenewed = now;
            if (lastPruned == null || !now.isBefore(lastPruned.plus(properties.lease()))) {
                inFlight.retainOnly(lifecycle.leasedBy(node.get(), ids), ids);
                lastPruned = now;
            }
        }
        int reclaimed = 0;
        for (long id : lifecycle.expiredLeases(100)) {
            if (reconciler.lost(id, now)) {
                continue;
            }
            Boolean done = transactions.execute(status -> reclaim(id, now));
            if (Boolean.TRUE.equals(done)) {
                inFlight.ended(id);
                reclaimed++;
            }
        }
        reconciler.stale(now);
        return reclaimed;
    }

    private boolean reclaim(long id, Instant now) {
        var locked = outcomes.lock(id);
        if (locked.isEmpty()) {
            return false;
        }
        var state = locked.get();
        if (state.leaseUntil() == null || !state.leaseUntil().isBefore(now)) {
            return false; // renewed meanwhile
        }
        if (state.status() == RequestStatus.INITIATED) {
            return outcomes.voidAttempt(state, state.attemptCount(), now);
        }
        if (state.status() == RequestStatus.CONNECTED) {
            return outcomes.apply(new Change(
                    state, state.attemptCount(), RequestStatus.COMPLETED, state.channelStatus(), null, "lost", now));
        }
        return false;
    }
}
