package dev.outbound.request;

import dev.outbound.store.Dialect;
import dev.outbound.store.Instants;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

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
    private final Map<CountKey, Long> tally = new HashMap<>();

    private final boolean recipientHours;

    RequestLoad(
            Dialect.BulkLoad load,
            long batchPk,
            java.time.Instant now,
            StatusCountRepository counters,
            boolean recipientHours) {
        this.recipientHours = recipientHours;
        this.load = load;
        this.batchPk = batchPk;
        this.now = java.util.Objects.requireNonNull(Instants.toDb(now));
        this.counters = counters;
    }

    /** Adds one request; PENDING ones are due at once, the others are final from the start. */
    public void add(String referenceId, int ordinal, Target target, String variablesJson, RequestStatus status)
            throws SQLException {
        String channelStatus = status.name();
        load.add(
                batchPk,
                referenceId,
                ordinal,
                target.value(),
                variablesJson,
                status.name(),
                channelStatus,
                0,
                status == RequestStatus.PENDING ? now : null,
                now,
                now,
                // Only campaigns dialling on the recipient's clock need the number's zones.
                recipientHours
                                && status == RequestStatus.PENDING
                                && target.value().startsWith("+")
                        ? RecipientZones.columnFor(target.value())
                        : null,
                status == RequestStatus.PENDING ? target.lineType() : null);
        tally.merge(CountKey.of(status, channelStatus), 1L, Long::sum);
    }

    /** Sends the remaining rows and records the counts; answers the number of rows loaded. */
    public long finish() throws SQLException {
        long rows = load.finish();
        counters.add(batchPk, tally);
        return rows;
    }

    @Override
    public void close() throws SQLException {
        load.close();
    }
}
