package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.StoreTest;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The calls-per-second slots live in the database, so every node draws from the same ones. */
@StoreTest
class DatabaseTwilioPaceTest {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    @Autowired
    TwilioPaceRepository rows;

    private final Instant t = Instant.parse("2030-01-01T00:00:00Z");
    private final String account = "AC-pace-test-" + ACCOUNTS.incrementAndGet();

    /** A node's view of this test's own account. */
    private DatabaseTwilioPace node() {
        return new DatabaseTwilioPace(rows, TwilioTesting.properties("http://unused", 1, account));
    }

    @Test
    void one_slot_per_second_at_the_default_of_one_call_per_second() {
        var pace = node();

        assertThat(pace.take(t)).isTrue();
        assertThat(pace.take(t)).isFalse();
        assertThat(pace.take(t.plusMillis(999))).isFalse();
        assertThat(pace.take(t.plusSeconds(1))).isTrue();
    }

    @Test
    void a_slot_taken_by_another_node_is_gone_for_this_one() {
        var otherNode = node();
        var thisNode = node();
        Instant at = t;

        assertThat(otherNode.take(at)).isTrue();
        assertThat(thisNode.take(at)).isFalse();
        assertThat(thisNode.take(at.plusSeconds(1))).isTrue();
    }

    @Test
    void after_a_429_no_node_takes_a_slot_until_the_hold_ends() {
        var pace = node();
        Instant at = t;
        pace.holdUntil(at.plusSeconds(10));

        assertThat(pace.take(at.plusSeconds(5))).isFalse();
        assertThat(pace.take(at.plusSeconds(10))).isTrue();
    }
}
