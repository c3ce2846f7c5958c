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
    /** Rows added per request status (by ordinal). */
    private final long[] tally = new long[RequestStatus.values().length];
    /** Each request status's initial channel status as stored, by ordinal (null: it has none). */
    private static final @Nullable String[] CHANNEL_WIRE = java.util.Arrays.stream(RequestStatus.values())
            .map(status -> {
                ChannelManagerStatus channel = ChannelManagerStatus.parse(status.name());
                return channel == null ? null : channel.wire();
            })
            .toArray(String[]::new);
    /** The number of columns the load writes. */
    private final int width;

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
        this.width = RequestRepository.loadColumns(withReasons, withPriority).size();
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
        boolean pending = status == RequestStatus.PENDING;
        // The row at its final width (the load's columns), built once per request.
        @Nullable Object[] row = new Object[width];
        row[0] = batchPk;
        row[1] = referenceId;
        row[2] = ordinal;
        row[3] = target.value();
        row[4] = variablesJson;
        row[5] = status.name();
        String channelWire = CHANNEL_WIRE[status.ordinal()];
        row[6] = channelWire != null ? channelWire : initialChannel(status).wire(); // the latter refuses it
        row[7] = 0;
        row[8] = pending ? now : null;
        row[9] = now;
        row[10] = now;
        // Only campaigns dialling on the recipient's clock need the number's zones.
        row[11] = recipientHours && pending && target.value().startsWith("+")
                ? RecipientZones.columnFor(target.value())
                : null;
        row[12] = pending ? target.lineType() : null;
        int next = RequestRepository.LOAD_COLUMNS.size();
        if (withReasons) {
            row[next++] = reason == null ? null : reason.name();
            row[next++] = reasonDetail;
        }
        if (withPriority) {
            row[next] = priority;
        }
        load.add(row);
        // Tallied per status (a new request's channel status follows from it), not per row in
        // a map: this runs for every row of an upload.
        tally[status.ordinal()]++;
    }

    /** Sends the remaining rows and records the counts; answers the number of rows loaded. */
    public long finish() throws SQLException {
        long rows = load.finish();
        var deltas = new Deltas();
        for (RequestStatus status : RequestStatus.values()) {
            if (tally[status.ordinal()] > 0) {
                deltas.add(batchPk, new CountKey(status, initialChannel(status)), tally[status.ordinal()]);
            }
        }
        counters.addAll(deltas);
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
