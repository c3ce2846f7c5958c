package dev.outbound.request;

import dev.outbound.store.Dialect;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which counter stripe a transaction writes. Where the store's upsert is atomic (PostgreSQL) any
 * stripe is safe, and a random one spreads concurrent writers. H2's MERGE is not atomic: two
 * transactions creating the same counter row at once fail with a duplicate key. On H2 a
 * transaction therefore leases a stripe no other running transaction holds, and keeps it until
 * it ends; more writers than stripes wait for one.
 */
@Component
class Stripes {
    static final int COUNT = 8;
    private static final long WAIT_SECONDS = 30;
    private final boolean shared;
    private final BlockingQueue<Integer> free = new ArrayBlockingQueue<>(COUNT);

    Stripes(Dialect dialect) {
        this.shared = dialect.atomicUpsert();
        for (int i = 0; i < COUNT; i++) {
            free.add(i);
        }
    }

    /** The stripe the current transaction writes its counter changes to. */
    int forCurrentTransaction() {
        if (shared || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return ThreadLocalRandom.current().nextInt(COUNT);
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
                TransactionSynchronizationManager.unbindResourceIfPossible(Stripes.this);
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
