package dev.outbound.ingest;

import dev.outbound.api.InvalidInput;
import dev.outbound.auth.Caller;
import dev.outbound.batch.Batches;
import dev.outbound.campaign.DuplicateTargets;
import dev.outbound.request.RequestLoad;
import dev.outbound.request.RequestReason;
import dev.outbound.request.RequestStatus;
import dev.outbound.request.Requests;
import dev.outbound.request.Target;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One upload, in one transaction: lock the batch, stream the rows into a bulk load, record the
 * upload. A file that cannot be used rolls everything back and then marks the batch FAILED with
 * the reason, in a transaction of its own.
 */
@Service
class Ingest {
    /** The batch table's upload_filename column. */
    static final int MAX_FILENAME_CHARS = 1000;

    private final Batches batches;
    private final Requests requests;
    private final TransactionTemplate transactions;
    private final long maxRows;

    Ingest(Batches batches, Requests requests, TransactionTemplate transactions, IngestProperties properties) {
        this.batches = batches;
        this.requests = requests;
        this.transactions = transactions;
        this.maxRows = properties.maxRows();
    }

    UploadOutcome upload(Caller caller, String batchId, String filename, InputStream file) {
        if (filename.length() > MAX_FILENAME_CHARS) {
            // Refused before the batch is touched: a FAILED batch would have to store the name.
            closeQuietly(file);
            throw InvalidInput.of(
                    "The file name is " + filename.length() + " characters long; at most " + MAX_FILENAME_CHARS
                            + " are allowed",
                    "string_too_long",
                    "body",
                    "file",
                    "filename");
        }
        try {
            return Objects.requireNonNull(transactions.execute(status -> load(caller, batchId, filename, file)));
        } catch (InvalidUpload e) {
            batches.uploadFailed(caller, batchId, filename, e.getMessage());
            throw InvalidInput.of(e.getMessage(), "value_error", "body", "file");
        }
    }

    private UploadOutcome load(Caller caller, String batchId, String filename, InputStream file) {
        Batches.UploadTarget target = batches.lockForUpload(caller, batchId);
        long batchPk = target.batch().pk();
        var references = new ReferenceIndex();
        requests.existingReferences(batchPk, e -> references.add(e.getKey(), e.getValue() + 1));
        // Built only when the campaign skips duplicate people, so other uploads pay nothing for it.
        PersonIndex people = target.duplicateTargets() == DuplicateTargets.SKIP ? new PersonIndex() : null;
        var counts = new long[3];
        var read = new long[1];
        // Opened at the first row, once the header says whether the list has priorities, so a
        // list without them loads the same columns as before they existed.
        var loads = new Loads(requests, batchPk, target.recipientHours(), people != null);
        // Targets are normalised on another thread; rows come back in file order.
        var pipeline = new NormalizingPipeline(
                requests.targets(), target.mode(), requests.bulkLoadOffProcess(), (row, normalized) -> {
                    RequestLoad load = loads.open(row.priority() != null);
                    // Every row takes the next ordinal of its reference id: the first occurrence wins,
                    // whether or not its target is valid.
                    int ordinal = references.add(row.referenceId());
                    RequestStatus status;
                    String firstRow = null;
                    if (row.referenceId().isEmpty() || !normalized.valid()) {
                        status = RequestStatus.INVALID;
                    } else if (ordinal != 0) {
                        status = RequestStatus.DUPLICATE;
                    } else {
                        // Only rows that will be attempted claim a person: an invalid or repeated row
                        // leaves the person to the next usable one.
                        firstRow =
                                people == null ? null : people.seenBefore(person(row, normalized), row.referenceId());
                        status = firstRow == null ? RequestStatus.PENDING : RequestStatus.DUPLICATE;
                    }
                    if (status == RequestStatus.PENDING && row.priority() != null && row.priority() != 0) {
                        loads.prioritized = true;
                    }
                    switch (status) {
                        case PENDING -> counts[0]++;
                        case INVALID -> counts[1]++;
                        default -> counts[2]++;
                    }
                    add(load, row, ordinal, normalized, status, firstRow);
                });
        try (loads;
                pipeline) {
            long rows = CallListReader.read(file, row -> {
                if (++read[0] > maxRows) {
                    // Refused while reading: the memory an upload takes grows with its rows.
                    throw new InvalidUpload("Too many rows: an upload may hold at most " + maxRows
                            + " rows (OUTBOUND_MAX_UPLOAD_ROWS); split the file");
                }
                pipeline.add(row);
            });
            pipeline.finish();
            loads.finish();
            if (loads.prioritized) {
                batches.prioritize(target.batch());
            }
            batches.uploadSucceeded(caller, target.batch(), filename);
            return new UploadOutcome(batchId, filename, rows, counts[0], counts[1], counts[2]);
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk load failed: " + e.getMessage(), e);
        } finally {
            closeQuietly(file);
        }
    }

    /** Who a row is for: its contact_id when it has one, else its normalised target. */
    private static String person(CallListReader.Row row, Target target) {
        return row.contactId() != null ? "contact_id:" + row.contactId() : "target:" + target.value();
    }

    private static void add(
            RequestLoad load,
            CallListReader.Row row,
            int ordinal,
            Target target,
            RequestStatus status,
            @Nullable String firstRow) {
        try {
            int priority = row.priority() == null ? 0 : row.priority();
            if (firstRow == null) {
                load.add(row.referenceId(), ordinal, target, row.variablesJson(), status, priority, null, null);
            } else {
                String same = row.contactId() != null ? "same contact_id" : "same target";
                load.add(
                        row.referenceId(),
                        ordinal,
                        target,
                        row.variablesJson(),
                        status,
                        priority,
                        RequestReason.DUPLICATE_TARGET,
                        same + " as reference id " + firstRow);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk load failed at line " + row.line() + ": " + e.getMessage(), e);
        }
    }

    /** The upload's bulk load, opened by its first row. */
    private static final class Loads implements AutoCloseable {
        private final Requests requests;
        private final long batchPk;
        private final boolean recipientHours;
        private final boolean withReasons;
        private @Nullable RequestLoad load;
        /** Some row that will be attempted has a priority other than 0. */
        boolean prioritized;

        Loads(Requests requests, long batchPk, boolean recipientHours, boolean withReasons) {
            this.requests = requests;
            this.batchPk = batchPk;
            this.recipientHours = recipientHours;
            this.withReasons = withReasons;
        }

        RequestLoad open(boolean withPriority) {
            RequestLoad open = load;
            if (open == null) {
                try {
                    open = requests.openLoad(batchPk, recipientHours, withReasons, withPriority);
                } catch (SQLException e) {
                    throw new IllegalStateException("Bulk load failed: " + e.getMessage(), e);
                }
                load = open;
            }
            return open;
        }

        void finish() throws SQLException {
            if (load != null) {
                load.finish();
            }
        }

        @Override
        public void close() throws SQLException {
            if (load != null) {
                load.close();
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the upload's outcome is already decided
        }
    }
}
