package dev.outbound.store;

import java.util.concurrent.ThreadLocalRandom;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counter stripes for a store whose upsert is atomic (PostgreSQL's ON CONFLICT): any stripe is
 * safe and a random one spreads concurrent writers, but a transaction keeps the one it drew. Two
 * transactions that each wrote counters twice on fresh random stripes could lock one's stripes
 * in the other's order and deadlock (a claim's skip voids the attempt, then skips the request);
 * with one stripe each they either touch disjoint rows or meet on the first.
 */
final class StickyStripes implements Dialect.Stripes {
    private final int count;

    StickyStripes(int count) {
        this.count = count;
    }

    @Override
    public int forCurrentTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return ThreadLocalRandom.current().nextInt(count);
        }
        if (TransactionSynchronizationManager.getResource(this) instanceof Integer stripe) {
            return stripe;
        }
        int stripe = ThreadLocalRandom.current().nextInt(count);
        TransactionSynchronizationManager.bindResource(this, stripe);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(StickyStripes.this);
            }
        });
        return stripe;
    }
}
