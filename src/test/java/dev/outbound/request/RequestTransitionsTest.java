package dev.outbound.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.api.IllegalTransition;
import org.junit.jupiter.api.Test;

class RequestTransitionsTest {

    @Test
    void an_attempt_the_provider_dropped_for_an_earlier_opt_out_ends_skipped() {
        assertThat(RequestTransitions.allowed(RequestStatus.INITIATED, RequestStatus.SKIPPED))
                .isTrue();
        assertThat(RequestTransitions.allowed(RequestStatus.COMPLETED, RequestStatus.SKIPPED))
                .isFalse();
    }

    @Test
    void a_request_moves_forward_only() {
        assertThat(RequestTransitions.allowed(RequestStatus.PENDING, RequestStatus.INITIATED))
                .isTrue();
        assertThat(RequestTransitions.allowed(RequestStatus.INITIATED, RequestStatus.CONNECTED))
                .isTrue();
        assertThat(RequestTransitions.allowed(RequestStatus.CONNECTED, RequestStatus.COMPLETED))
                .isTrue();
        assertThat(RequestTransitions.allowed(RequestStatus.COMPLETED, RequestStatus.PENDING))
                .isFalse();
        assertThat(RequestTransitions.allowed(RequestStatus.CONNECTED, RequestStatus.INITIATED))
                .isFalse();
    }

    @Test
    void a_retry_goes_back_to_pending_only_from_initiated() {
        assertThat(RequestTransitions.allowed(RequestStatus.INITIATED, RequestStatus.PENDING))
                .isTrue();
        assertThat(RequestTransitions.allowed(RequestStatus.FAILED, RequestStatus.PENDING))
                .isFalse();
    }

    @Test
    void only_a_callback_brings_an_attempted_request_back_and_never_a_canceled_or_invalid_one() {
        for (var status : new RequestStatus[] {RequestStatus.COMPLETED, RequestStatus.FAILED, RequestStatus.SKIPPED}) {
            assertThat(RequestTransitions.allowed(status, RequestStatus.PENDING, RequestReason.CALLBACK_SCHEDULED))
                    .as(status.name())
                    .isTrue();
            assertThat(RequestTransitions.allowed(status, RequestStatus.PENDING, RequestReason.CONTACT_LIMIT))
                    .as(status + " for another reason")
                    .isFalse();
        }
        for (var status : new RequestStatus[] {
            RequestStatus.CANCELED, RequestStatus.INVALID, RequestStatus.DUPLICATE, RequestStatus.CONNECTED
        }) {
            assertThat(RequestTransitions.allowed(status, RequestStatus.PENDING, RequestReason.CALLBACK_SCHEDULED))
                    .as(status.name())
                    .isFalse();
        }
        assertThat(RequestTransitions.allowed(
                        RequestStatus.COMPLETED, RequestStatus.INITIATED, RequestReason.CALLBACK_SCHEDULED))
                .isFalse();
    }

    @Test
    void final_statuses_allow_nothing_and_the_exception_names_both_ends() {
        for (var status : new RequestStatus[] {
            RequestStatus.COMPLETED,
            RequestStatus.FAILED,
            RequestStatus.CANCELED,
            RequestStatus.INVALID,
            RequestStatus.DUPLICATE,
            RequestStatus.SKIPPED
        }) {
            assertThat(RequestTransitions.isFinal(status)).as(status.name()).isTrue();
        }
        assertThatThrownBy(() -> RequestTransitions.check(RequestStatus.CANCELED, RequestStatus.PENDING))
                .isInstanceOf(IllegalTransition.class)
                .hasMessage("request cannot go from CANCELED to PENDING");
    }
}
