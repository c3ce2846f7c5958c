package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * {@link RequestStatusChanged} for bulk changes: the rows about to change are locked and read
 * first (only when a {@link StatusChangeInterest} wants them), and one event per row is published
 * after the change, in the same transaction.
 */
@Component
class BulkChangeEvents {
    private final ObjectProvider<StatusChangeInterest> interests;
    private final ApplicationEventPublisher events;

    BulkChangeEvents(ObjectProvider<StatusChangeInterest> interests, ApplicationEventPublisher events) {
        this.interests = interests;
        this.events = events;
    }

    /** The rows {@code lock} reads, or none when nobody wants this batch's changes to {@code toChannel}. */
    List<LockedRow> before(long batchPk, ChannelManagerStatus toChannel, Supplier<List<LockedRow>> lock) {
        boolean wanted = interests.orderedStream().anyMatch(i -> i.wants(batchPk, toChannel));
        return wanted ? lock.get() : List.of();
    }

    void after(List<LockedRow> rows, long batchPk, RequestStatus to, ChannelManagerStatus toChannel, Instant at) {
        for (LockedRow r : rows) {
            events.publishEvent(new RequestStatusChanged(
                    r.id(),
                    batchPk,
                    r.status(),
                    ChannelManagerStatus.parse(r.channelStatus()),
                    to,
                    toChannel,
                    r.attemptCount(),
                    at));
        }
    }

    /** A request row read under lock before a bulk change. */
    record LockedRow(long id, RequestStatus status, String channelStatus, int attemptCount) {}
}
