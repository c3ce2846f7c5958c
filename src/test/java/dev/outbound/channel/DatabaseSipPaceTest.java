package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** OUTBOUND_SIP_CPS and OUTBOUND_SIP_MAX_CALLS live in the database: every node draws from them. */
@StoreTest
class DatabaseSipPaceTest {
    private static final AtomicInteger TRUNKS = new AtomicInteger();

    @Autowired
    SipPaceRepository rows;

    @Autowired
    TransactionTemplate transactions;

    private final Instant t = Instant.parse("2030-01-01T00:00:00Z");
    private final String trunk = "sip:pace-test-" + TRUNKS.incrementAndGet() + "-" + System.nanoTime() + ".example";

    /** A node's view of this test's own trunk. */
    private DatabaseSipPace node(double cps, int maxCalls) {
        var p = new SipProperties(
                trunk,
                "",
                "",
                false,
                cps,
                maxCalls,
                "3pcc",
                "",
                Duration.ofSeconds(30),
                "127.0.0.1",
                5060,
                Duration.ZERO);
        return new DatabaseSipPace(rows, transactions, p);
    }

    @Test
    void calls_start_at_most_cps_per_second_across_nodes() {
        var one = node(2, 0);
        var other = node(2, 0);

        assertThat(one.take(trunk + "/a", 1, 1, t)).isTrue();
        assertThat(other.take(trunk + "/b", 2, 1, t)).isFalse();
        assertThat(other.take(trunk + "/b", 2, 1, t.plusMillis(499))).isFalse();
        assertThat(other.take(trunk + "/b", 2, 1, t.plusMillis(500))).isTrue();
    }

    @Test
    void no_node_starts_a_call_beyond_the_calls_in_progress_until_one_ends() {
        var one = node(0, 2);
        var other = node(0, 2);

        assertThat(one.take(trunk + "/a", 1, 1, t)).isTrue();
        assertThat(other.take(trunk + "/b", 2, 1, t)).isTrue();
        assertThat(one.take(trunk + "/c", 3, 1, t.plusSeconds(1))).isFalse();

        other.release(trunk + "/b");
        assertThat(one.take(trunk + "/c", 3, 1, t.plusSeconds(2))).isTrue();
        assertThat(other.take(trunk + "/d", 4, 1, t.plusSeconds(3))).isFalse();

        // A dead node's call, settled by reconciliation, frees its place too.
        one.forget(1, 1);
        assertThat(other.take(trunk + "/d", 4, 1, t.plusSeconds(4))).isTrue();
    }
}
