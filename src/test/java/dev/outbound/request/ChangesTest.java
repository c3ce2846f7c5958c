package dev.outbound.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.api.IllegalTransition;
import dev.outbound.channel.ChannelManagerStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How changes recorded together become one move per request, and what the writer refuses. */
class ChangesTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static RequestState state(long id, RequestStatus status, ChannelManagerStatus channel) {
        return new RequestState(id, 7, status, channel, 1, null, null, null);
    }

    private static Change change(RequestState from, RequestStatus to, ChannelManagerStatus channel) {
        return new Change(from, 1, to, channel, null, null, AT);
    }

    @Test
    void a_requests_changes_in_one_chunk_collapse_to_one_move_from_its_first_state_to_its_last() {
        var queued = state(1, RequestStatus.INITIATED, ChannelManagerStatus.QUEUED);
        var answered = change(queued, RequestStatus.CONNECTED, ChannelManagerStatus.HUMAN);
        var done = change(answered.after(), RequestStatus.COMPLETED, ChannelManagerStatus.COMPLETED);
        var other = change(
                state(2, RequestStatus.INITIATED, ChannelManagerStatus.QUEUED),
                RequestStatus.FAILED,
                ChannelManagerStatus.BUSY);

        List<Change> finals = Changes.collapse(List.of(answered, other, done));

        assertThat(finals).hasSize(2);
        assertThat(finals.get(0).from()).isEqualTo(queued);
        assertThat(finals.get(0).to()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(finals.get(0).toChannel()).isEqualTo(ChannelManagerStatus.COMPLETED);
        assertThat(finals.get(1)).isEqualTo(other);
    }

    @Test
    void a_change_that_does_not_start_where_the_one_before_ended_is_refused() {
        var queued = state(1, RequestStatus.INITIATED, ChannelManagerStatus.QUEUED);
        var answered = change(queued, RequestStatus.CONNECTED, ChannelManagerStatus.HUMAN);
        var fromQueuedAgain = change(queued, RequestStatus.FAILED, ChannelManagerStatus.BUSY);

        assertThatThrownBy(() -> Changes.collapse(List.of(answered, fromQueuedAgain)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request 1");
    }

    @Test
    void a_change_the_lifecycle_table_forbids_is_refused_before_anything_is_written() {
        var completed = state(1, RequestStatus.COMPLETED, ChannelManagerStatus.COMPLETED);

        assertThatThrownBy(() -> Changes.collapse(
                        List.of(change(completed, RequestStatus.PENDING, ChannelManagerStatus.PENDING))))
                .isInstanceOf(IllegalTransition.class);
    }

    @Test
    void a_channel_status_change_within_one_status_needs_no_transition() {
        var queued = state(1, RequestStatus.INITIATED, ChannelManagerStatus.QUEUED);

        assertThat(Changes.collapse(List.of(change(queued, RequestStatus.INITIATED, ChannelManagerStatus.SENT))))
                .hasSize(1);
    }

    @Test
    void every_bulk_move_is_allowed_by_the_lifecycle_table_from_each_of_its_sources() {
        for (BulkMove move : BulkMove.values()) {
            for (RequestStatus from : move.from) {
                assertThat(RequestTransitions.allowed(from, move.to))
                        .as(move + ": " + from + " -> " + move.to)
                        .isTrue();
            }
        }
    }
}
