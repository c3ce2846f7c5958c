package dev.outbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.api.IllegalTransition;
import org.junit.jupiter.api.Test;

class EventTransitionsTest {

    @Test
    void an_attempt_takes_a_pending_event_to_delivered_dead_or_pending_again() {
        for (EventStatus to : EventStatus.values()) {
            assertThat(EventTransitions.allowed(EventStatus.PENDING, to))
                    .as(to.name())
                    .isTrue();
        }
    }

    @Test
    void a_finished_event_only_goes_back_to_pending_by_redelivery() {
        assertThat(EventTransitions.sources(EventStatus.PENDING)).containsExactlyInAnyOrder(EventStatus.values());
        assertThat(EventTransitions.allowed(EventStatus.DELIVERED, EventStatus.DEAD))
                .isFalse();
        assertThat(EventTransitions.allowed(EventStatus.DEAD, EventStatus.DELIVERED))
                .isFalse();
        assertThatThrownBy(() -> EventTransitions.check(EventStatus.DEAD, EventStatus.DEAD))
                .isInstanceOf(IllegalTransition.class)
                .hasMessage("webhook event cannot go from DEAD to DEAD");
    }

    @Test
    void purged_events_are_the_ones_no_attempt_follows() {
        assertThat(EventTransitions.AT_REST).containsExactlyInAnyOrder(EventStatus.DELIVERED, EventStatus.DEAD);
        assertThat(EventTransitions.AT_REST).doesNotContain(EventTransitions.SENDABLE);
    }
}
