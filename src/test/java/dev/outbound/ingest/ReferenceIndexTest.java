package dev.outbound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferenceIndexTest {

    @Test
    void counts_each_reference_id_and_tells_how_often_it_was_seen_before() {
        var index = new ReferenceIndex();
        assertThat(index.add("a")).isZero();
        assertThat(index.add("b")).isZero();
        assertThat(index.add("a")).isEqualTo(1);
        assertThat(index.add("a")).isEqualTo(2);
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void keeps_counts_across_growth_for_a_hundred_thousand_ids() {
        var index = new ReferenceIndex();
        for (int i = 0; i < 100_000; i++) {
            assertThat(index.add("ref-" + i)).isZero();
        }
        for (int i = 0; i < 100_000; i += 997) {
            assertThat(index.add("ref-" + i)).isEqualTo(1);
        }
        assertThat(index.size()).isEqualTo(100_000);
    }

    @Test
    void continues_from_counts_already_stored() {
        var index = new ReferenceIndex();
        index.add("x", 3);
        assertThat(index.add("x")).isEqualTo(3);
    }
}
