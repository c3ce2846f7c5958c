package dev.outbound.suppression;

import dev.outbound.api.Conflict;
import dev.outbound.store.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A suppression list upload in one transaction: the rows stream into a staging table (COPY on
 * PostgreSQL), then one statement adds those not yet listed, so the file is stored whole or not
 * at all and memory stays flat whatever its size. Rows whose target or kind is unusable are
 * counted and skipped; a file that is not a usable CSV stores nothing.
 */
@Service
public class SuppressionUpload {
    private final SuppressionRepository entries;
    private final UploadTurnRepository turns;
    private final Suppressions suppressions;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SuppressionUpload(
            SuppressionRepository entries,
            UploadTurnRepository turns,
            Suppressions suppressions,
            TransactionTemplate transactions,
            Clock clock) {
        this.entries = entries;
        this.turns = turns;
        this.suppressions = suppressions;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * What an upload did: rows added, rows whose target was already listed (before, or earlier
     * in the same file), and rows skipped as unusable.
     */
    public record Counts(long added, long already, long invalid) {}

    public Counts upload(long organizationId, String addedBy, InputStream file) {
        turns.prepare(organizationId);
        try (file) {
            return Objects.requireNonNull(transactions.execute(status -> load(organizationId, addedBy, file)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Counts load(long organizationId, String addedBy, InputStream file) {
        // Taken first: a concurrent upload would otherwise make the counts of both uncertain.
        try {
            turns.take(organizationId);
        } catch (PessimisticLockingFailureException e) {
            // Waited longer than the store's lock timeout (H2: 30 s) for the upload before.
            throw new Conflict("Another upload of this organization's suppression list is still running;"
                    + " upload again when it has finished");
        }
        Instant now = clock.instant();
        var tally = new long[2]; // staged, invalid
        try (Dialect.BulkLoad staging = entries.stage()) {
            SuppressionFile.read(file, row -> {
                String target = suppressions.key(row.target());
                SuppressionKind kind = kind(row.kind());
                String reason = reason(row.reason());
                if (target == null || kind == null || unusable(row)) {
                    tally[1]++;
                    return;
                }
                stage(staging, row.line(), target, kind, reason);
                tally[0]++;
            });
            staging.finish();
        } catch (SQLException e) {
            throw new IllegalStateException("Suppression upload failed: " + e.getMessage(), e);
        }
        long added = entries.mergeStaged(organizationId, addedBy, now);
        return new Counts(added, tally[0] - added, tally[1]);
    }

    private static void stage(
            Dialect.BulkLoad staging, long line, String target, SuppressionKind kind, @Nullable String reason) {
        try {
            staging.add(line, target, kind.name(), reason);
        } catch (SQLException e) {
            throw new IllegalStateException("Suppression upload failed at line " + line + ": " + e.getMessage(), e);
        }
    }

    /** An empty kind cell means the default, like a missing kind in the API. */
    private static @Nullable SuppressionKind kind(@Nullable String raw) {
        return raw == null || raw.isBlank() ? SuppressionKind.UNSUBSCRIBED : SuppressionKind.parse(raw);
    }

    private static @Nullable String reason(@Nullable String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    /**
     * A reason the column cannot hold, or a NUL byte anywhere: PostgreSQL refuses it in text, and
     * libphonenumber would read past it to a number nobody wrote.
     */
    private static boolean unusable(SuppressionFile.Row row) {
        String reason = row.reason();
        return (reason != null && reason.strip().length() > Suppressions.MAX_REASON)
                || hasNul(row.target())
                || hasNul(row.kind())
                || hasNul(reason);
    }

    private static boolean hasNul(@Nullable String s) {
        return s != null && s.indexOf('\0') >= 0;
    }
}
