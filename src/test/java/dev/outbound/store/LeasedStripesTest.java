package dev.outbound.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** On H2, whose upsert is not atomic, running transactions never share a counter stripe. */
class LeasedStripesTest {

    private static final int COUNT = 8;

    private static Dialect.Stripes onH2() {
        return new H2Dialect().stripes(COUNT);
    }

    @Test
    void concurrent_transactions_each_hold_their_own_stripe_until_they_end() throws Exception {
        Dialect.Stripes stripes = onH2();
        var allIn = new CyclicBarrier(COUNT);
        var pool = Executors.newFixedThreadPool(COUNT);
        var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Integer>>();
        for (int i = 0; i < COUNT; i++) {
            tasks.add(() -> {
                TransactionSynchronizationManager.initSynchronization();
                try {
                    int first = stripes.forCurrentTransaction();
                    assertThat(stripes.forCurrentTransaction())
                            .as("the same within one transaction")
                            .isEqualTo(first);
                    allIn.await(); // every transaction holds its stripe at once
                    return first;
                } finally {
                    complete();
                }
            });
        }
        var held = new HashSet<Integer>();
        for (Future<Integer> f : pool.invokeAll(tasks)) {
            held.add(f.get());
        }
        pool.shutdown();
        assertThat(held).hasSize(COUNT);
    }

    @Test
    void a_stripe_is_free_again_once_its_transaction_ended() {
        Dialect.Stripes stripes = onH2();
        var seen = new HashSet<Integer>();
        for (int i = 0; i < 3 * COUNT; i++) {
            TransactionSynchronizationManager.initSynchronization();
            try {
                seen.add(stripes.forCurrentTransaction());
            } finally {
                complete();
            }
        }
        assertThat(seen).isSubsetOf(List.of(0, 1, 2, 3, 4, 5, 6, 7));
    }

    private static void complete() {
        List<TransactionSynchronization> syncs = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        syncs.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
    }
}
