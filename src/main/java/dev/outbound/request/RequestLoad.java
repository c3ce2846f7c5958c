package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.store.Dialect;
import dev.outbound.store.Instants;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A bulk load of new requests into one batch, on the caller's transaction: COPY on PostgreSQL,
 * batched INSERTs on H2. It tallies what it wrote, and {@link #finish()} adds the tally to the
 * batch's counters in the same transaction, so rows and counts commit or roll back together.
 */
public final class RequestLoad implements AutoCloseable {
    private final Dialect.BulkLoad load;
    private final long batchPk;
    private final OffsetDateTime now;
    private final StatusCountRepository counters;
    private final Deltas tally = new Deltas();

    private final boolean recipientHours;
    // Rows carry reason columns only when a rule may decide them, so a plain upload streams the
    // same bytes as before reasons existed.
    private final boolean withReasons;
    // Likewise the priority column: only when the call list has one.
    private final boolean withPriority;

    RequestLoad(
            Dialect.BulkLoad load,
            long batchPk,
            java.time.Instant now,
            StatusCountRepository counters,
            boolean recipientHours,
            boolean withReasons,
            boolean withPriority) {
        this.recipientHours = recipientHours;
        this.withReasons = withReasons;
        this.withPriority = withPriority;
        this.load = load;
        this.batchPk = batchPk;
        this.now = java.util.Objects.requireNonNull(Instants.toDb(now));
        this.counters = counters;
    }

    /** Adds one request; PENDING ones are due at once, the others are final from the start. */
    public void add(String referenceId, int ordinal, Target target, String variablesJson, RequestStatus status)
            throws SQLException {
        add(referenceId, ordinal, target, variablesJson, status, 0, null, null);
    }

    /** Adds one request a rule already decided on, saying why (e.g. DUPLICATE_TARGET). */
    public void add(
            String referenceId,
            int ordinal,
            Target target,
            String variablesJson,
            RequestStatus status,
            int priority,
            @Nullable RequestReason reason,
            @Nullable String reasonDetail)
            throws SQLException {
        if (reason != null && !withReasons) {
            throw new IllegalStateException("this load was opened without reasons");
        }
        if (priority != 0 && !withPriority) {
            throw new IllegalStateException("this load was opened without priorities");
        }
        var channelStatus = initialChannel(status);
        Object[] row = {
            batchPk,
            referenceId,
            ordinal,
            target.value(),
            variablesJson,
            status.name(),
            channelStatus.wire(),
            0,
            status == RequestStatus.PENDING ? now : null,
            now,
            now,
            // Only campaigns dialling on the recipient's clock need the number's zones.
            recipientHours && status == RequestStatus.PENDING && target.value().startsWith("+")
                    ? RecipientZones.columnFor(target.value())
                    : null,
            status == RequestStatus.PENDING ? target.lineType() : null,
            reason == null ? null : reason.name(),
            reasonDetail,
            priority
        };
        load.add(RequestRepository.loadRow(row, withReasons, withPriority));
        tally.add(batchPk, new CountKey(status, channelStatus), 1);
    }

    /** Sends the remaining rows and records the counts; answers the number of rows loaded. */
    public long finish() throws SQLException {
        long rows = load.finish();
        counters.addAll(tally);
        return rows;
    }

    /** A new request's channel status: its request status, which the contract also lists as one. */
    static ChannelManagerStatus initialChannel(RequestStatus status) {
        return ChannelManagerStatus.of(status.name());
    }

    @Override
    public void close() throws SQLException {
        load.close();
    }
}
