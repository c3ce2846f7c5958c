package dev.outbound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonIndexTest {

    @Test
    void answers_the_first_rows_reference_id_for_a_person_seen_before() {
        var index = new PersonIndex();
        assertThat(index.seenBefore("target:+15125551234", "a")).isNull();
        assertThat(index.seenBefore("target:+15125559999", "b")).isNull();
        assertThat(index.seenBefore("target:+15125551234", "c")).isEqualTo("a");
        assertThat(index.seenBefore("target:+15125551234", "d")).isEqualTo("a");
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void keeps_every_person_and_first_id_across_growth_for_a_hundred_thousand_people() {
        var index = new PersonIndex();
        for (int i = 0; i < 100_000; i++) {
            assertThat(index.seenBefore("contact_id:" + i, "ref-" + i)).isNull();
        }
        for (int i = 0; i < 100_000; i += 997) {
            assertThat(index.seenBefore("contact_id:" + i, "later")).isEqualTo("ref-" + i);
        }
        assertThat(index.size()).isEqualTo(100_000);
    }

    @Test
    void a_very_long_reference_id_is_named_by_its_first_two_hundred_bytes() {
        var index = new PersonIndex();
        String id = "x".repeat(1000);
        index.seenBefore("p", id);

        assertThat(index.seenBefore("p", "y")).isEqualTo("x".repeat(PersonIndex.MAX_NAMED));
    }
}
