package dev.outbound.store;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counter stripes for a store whose upsert is not atomic (H2's MERGE): two transactions creating
 * the same counter row at once fail with a duplicate key. A transaction therefore leases a stripe
 * no other running transaction holds and keeps it until it ends; more writers than stripes wait
 * for one.
 */
final class LeasedStripes implements Dialect.Stripes {
    private static final long WAIT_SECONDS = 30;
    private final int count;
    private final BlockingQueue<Integer> free;

    LeasedStripes(int count) {
        this.count = count;
        free = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            free.add(i);
        }
    }

    @Override
    public int forCurrentTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return ThreadLocalRandom.current().nextInt(count); // one statement: nothing to keep a stripe for
        }
        Object held = TransactionSynchronizationManager.getResource(this);
        if (held instanceof Integer stripe) {
            return stripe;
        }
        Integer stripe = take();
        TransactionSynchronizationManager.bindResource(this, stripe);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(LeasedStripes.this);
                free.add(stripe);
            }
        });
        return stripe;
    }

    private Integer take() {
        try {
            Integer stripe = free.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (stripe == null) {
                throw new IllegalStateException("No counter stripe came free in " + WAIT_SECONDS + " s");
            }
            return stripe;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a counter stripe", e);
        }
    }
}
