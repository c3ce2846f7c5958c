package dev.outbound.batch;

import dev.outbound.store.Instants;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one writer of {@code batch.status}: every change of a batch's status, whoever asks for it,
 * goes through here. Each checks {@link BatchTransitions} before it writes (an illegal change
 * throws {@link dev.outbound.api.IllegalTransition} and writes nothing) and repeats the status the
 * caller read ({@code WHERE status = :expected}), so a change that lost a race to another one
 * changes nothing; each answers whether it changed the row. {@code StatusWritersTest} keeps other
 * classes from writing the column.
 */
@Repository
class BatchStatusWriter {
    private static final String SETTINGS = """
            UPDATE batch SET paused = :paused, expires_on = :expiresOn, call_rate = :callRate,
                   auto_call_rate = :autoCallRate, status = :to, last_updated_at = :now, last_updated_by = :user,
                   version = version + 1
            WHERE pk = :pk AND status = :expected
            """;
    private static final String CANCEL = """
            UPDATE batch SET status = :to, deleted_at = :now, deleted_reason = :reason,
                   last_updated_at = :now, last_updated_by = :user, version = version + 1
            WHERE pk = :pk AND status = :expected
            """;
    private static final String UPLOAD_DONE = """
            UPDATE batch SET status = :to, upload_filename = :filename, error_message = NULL,
                   last_updated_at = :now, last_updated_by = :user, version = version + 1
            WHERE pk = :pk AND status = :expected
            """;
    private static final String UPLOAD_FAILED = """
            UPDATE batch SET status = :to, upload_filename = :filename, error_message = :message,
                   last_updated_at = :now, last_updated_by = :user, version = version + 1
            WHERE pk = :pk AND status = :expected
            """;
    // The dispatcher's change: neither the version nor the last user moves, as before.
    private static final String ACTIVATE = """
            UPDATE batch SET status = :to, last_updated_at = :now WHERE pk = :pk AND status = :expected
            """;
    private static final String EXPIRE = """
            UPDATE batch SET status = :to, last_updated_at = :now, version = version + 1
            WHERE pk = :pk AND status = :expected
            """;

    private final JdbcClient jdbc;

    BatchStatusWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes {@code changed}'s settings and moves it from the status it was read in to {@code to}
     * (hold and release); a settings change that keeps the status is no transition.
     */
    boolean changeSettings(Batch changed, BatchStatus to, Instant now, String user) {
        if (to != changed.status()) {
            BatchTransitions.check(changed.status(), to);
        }
        return write(
                jdbc.sql(SETTINGS)
                        .param("paused", changed.paused())
                        .param("expiresOn", Instants.toDb(changed.expiresOn()))
                        .param("callRate", changed.callRate())
                        .param("autoCallRate", changed.autoCallRate())
                        .param("now", Instants.toDb(now))
                        .param("user", user),
                changed.pk(),
                changed.status(),
                to);
    }

    /** Deletes the batch: CANCELED. */
    boolean cancel(Batch b, String reason, Instant now, String user) {
        BatchTransitions.check(b.status(), BatchStatus.CANCELED);
        return write(
                jdbc.sql(CANCEL)
                        .param("reason", reason)
                        .param("now", Instants.toDb(now))
                        .param("user", user),
                b.pk(),
                b.status(),
                BatchStatus.CANCELED);
    }

    /** A call list was loaded: PENDING, with the file's name. */
    boolean uploadDone(Batch b, String filename, Instant now, String user) {
        BatchTransitions.check(b.status(), BatchStatus.PENDING);
        return write(
                jdbc.sql(UPLOAD_DONE)
                        .param("filename", filename)
                        .param("now", Instants.toDb(now))
                        .param("user", user),
                b.pk(),
                b.status(),
                BatchStatus.PENDING);
    }

    /** A call list was refused: FAILED, with why. */
    boolean uploadFailed(Batch b, String filename, String message, Instant now, String user) {
        BatchTransitions.check(b.status(), BatchStatus.FAILED);
        return write(
                jdbc.sql(UPLOAD_FAILED)
                        .param("filename", filename)
                        .param("message", message)
                        .param("now", Instants.toDb(now))
                        .param("user", user),
                b.pk(),
                b.status(),
                BatchStatus.FAILED);
    }

    /** The dispatcher started the batch's first attempt: ACTIVE. */
    boolean activate(long pk, BatchStatus from, Instant now) {
        BatchTransitions.check(from, BatchStatus.ACTIVE);
        return write(jdbc.sql(ACTIVATE).param("now", Instants.toDb(now)), pk, from, BatchStatus.ACTIVE);
    }

    /** The batch is past its {@code expires_on}: EXPIRED. */
    boolean expire(Batch b, Instant now) {
        BatchTransitions.check(b.status(), BatchStatus.EXPIRED);
        return write(jdbc.sql(EXPIRE).param("now", Instants.toDb(now)), b.pk(), b.status(), BatchStatus.EXPIRED);
    }

    private static boolean write(JdbcClient.StatementSpec change, long pk, BatchStatus expected, BatchStatus to) {
        return change.param("pk", pk)
                        .param("expected", expected.name())
                        .param("to", to.name())
                        .update()
                == 1;
    }
}
