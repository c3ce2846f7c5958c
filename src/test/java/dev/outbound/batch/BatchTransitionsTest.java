package dev.outbound.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.api.IllegalTransition;
import org.junit.jupiter.api.Test;

class BatchTransitionsTest {

    @Test
    void hold_and_release_move_between_active_and_paused() {
        assertThat(BatchTransitions.allowed(BatchStatus.ACTIVE, BatchStatus.PAUSED))
                .isTrue();
        assertThat(BatchTransitions.allowed(BatchStatus.PAUSED, BatchStatus.ACTIVE))
                .isTrue();
    }

    @Test
    void a_failed_upload_can_be_followed_by_a_good_one() {
        assertThat(BatchTransitions.allowed(BatchStatus.PENDING, BatchStatus.FAILED))
                .isTrue();
        assertThat(BatchTransitions.allowed(BatchStatus.FAILED, BatchStatus.PENDING))
                .isTrue();
    }

    @Test
    void a_deleted_batch_goes_nowhere() {
        for (BatchStatus to : BatchStatus.values()) {
            assertThat(BatchTransitions.allowed(BatchStatus.CANCELED, to)).isFalse();
        }
        assertThatThrownBy(() -> BatchTransitions.check(BatchStatus.CANCELED, BatchStatus.ACTIVE))
                .isInstanceOf(IllegalTransition.class)
                .hasMessage("batch cannot go from CANCELED to ACTIVE");
    }

    @Test
    void an_expired_batch_can_only_be_deleted() {
        assertThat(BatchTransitions.allowed(BatchStatus.EXPIRED, BatchStatus.ACTIVE))
                .isFalse();
        assertThat(BatchTransitions.allowed(BatchStatus.EXPIRED, BatchStatus.CANCELED))
                .isTrue();
    }

    @Test
    void the_batches_that_may_expire_are_the_ones_the_table_lets_reach_expired() {
        assertThat(BatchTransitions.sources(BatchStatus.EXPIRED))
                .containsExactlyInAnyOrder(BatchStatus.PENDING, BatchStatus.ACTIVE, BatchStatus.PAUSED);
    }
}
