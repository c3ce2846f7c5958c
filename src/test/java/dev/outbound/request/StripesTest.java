package dev.outbound.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.outbound.store.Dialect;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** On a store whose upsert is not atomic, running transactions never share a counter stripe. */
class StripesTest {

    private static Stripes onH2() {
        Dialect h2 = mock(Dialect.class);
        when(h2.atomicUpsert()).thenReturn(false);
        return new Stripes(h2);
    }

    @Test
    void concurrent_transactions_each_hold_their_own_stripe_until_they_end() throws Exception {
        Stripes stripes = onH2();
        var allIn = new CyclicBarrier(Stripes.COUNT);
        var pool = Executors.newFixedThreadPool(Stripes.COUNT);
        var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Integer>>();
        for (int i = 0; i < Stripes.COUNT; i++) {
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
        assertThat(held).hasSize(Stripes.COUNT);
    }

    @Test
    void a_stripe_is_free_again_once_its_transaction_ended() {
        Stripes stripes = onH2();
        var seen = new HashSet<Integer>();
        for (int i = 0; i < 3 * Stripes.COUNT; i++) {
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
