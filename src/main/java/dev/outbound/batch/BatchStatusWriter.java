package dev.outbound.batch;

import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
        var params = new HashMap<String, @Nullable Object>();
        params.put("paused", changed.paused());
        params.put("expiresOn", Instants.toDb(changed.expiresOn()));
        params.put("callRate", changed.callRate());
        params.put("autoCallRate", changed.autoCallRate());
        params.put("user", user);
        return update(SETTINGS, changed.pk(), changed.status(), to, now, params);
    }

    /** Deletes the batch: CANCELED. */
    boolean cancel(Batch b, String reason, Instant now, String user) {
        return move(CANCEL, b.pk(), b.status(), BatchStatus.CANCELED, now, Map.of("reason", reason, "user", user));
    }

    /** A call list was loaded: PENDING, with the file's name. */
    boolean uploadDone(Batch b, String filename, Instant now, String user) {
        return move(
                UPLOAD_DONE, b.pk(), b.status(), BatchStatus.PENDING, now, Map.of("filename", filename, "user", user));
    }

    /** A call list was refused: FAILED, with why. */
    boolean uploadFailed(Batch b, String filename, String message, Instant now, String user) {
        var params = Map.of("filename", filename, "message", message, "user", user);
        return move(UPLOAD_FAILED, b.pk(), b.status(), BatchStatus.FAILED, now, params);
    }

    /** The dispatcher started the batch's first attempt: ACTIVE. */
    boolean activate(long pk, BatchStatus from, Instant now) {
        return move(ACTIVATE, pk, from, BatchStatus.ACTIVE, now, Map.of());
    }

    /** The batch is past its {@code expires_on}: EXPIRED. */
    boolean expire(Batch b, Instant now) {
        return move(EXPIRE, b.pk(), b.status(), BatchStatus.EXPIRED, now, Map.of());
    }

    /** A transition: checked against the table, then written only if the batch is still {@code from}. */
    private boolean move(String sql, long pk, BatchStatus from, BatchStatus to, Instant now, Map<String, ?> params) {
        BatchTransitions.check(from, to);
        return update(sql, pk, from, to, now, params);
    }

    private boolean update(
            String sql, long pk, BatchStatus expected, BatchStatus to, Instant now, Map<String, ?> params) {
        return jdbc.sql(sql)
                        .params(params)
                        .param("now", Instants.toDb(now))
                        .param("pk", pk)
                        .param("expected", expected.name())
                        .param("to", to.name())
                        .update()
                == 1;
    }
}
