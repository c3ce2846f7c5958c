package dev.outbound.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** PostgreSQL: COPY for bulk loads, ON CONFLICT for counters, data-modifying CTEs for counts. */
final class PostgresDialect implements Dialect {

    @Override
    public boolean atomicUpsert() {
        return true;
    }

    @Override
    public String addToCounterSql() {
        return """
                INSERT INTO status_count (batch_pk, request_status, channel_status, stripe, n)
                VALUES (:batchPk, :requestStatus, :channelStatus, :stripe, :delta)
                ON CONFLICT (batch_pk, request_status, channel_status, stripe)
                DO UPDATE SET n = status_count.n + EXCLUDED.n
                """;
    }

    @Override
    public String countedUpdateSql(String set, String where) {
        // The CTE locks the rows it reads, so the old values it reports are the ones replaced.
        return """
                WITH old AS (
                    SELECT id, status, channel_manager_status FROM request WHERE %s FOR UPDATE
                ), changed AS (
                    UPDATE request r SET %s FROM old WHERE r.id = old.id
                    RETURNING old.status AS status, old.channel_manager_status AS channel_manager_status
                )
                SELECT status, channel_manager_status, COUNT(*) AS n FROM changed
                GROUP BY status, channel_manager_status
                """.formatted(where, set);
    }

    @Override
    public String lockSkippingLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String countedDeleteSql(String where) {
        return """
                WITH changed AS (
                    DELETE FROM request WHERE %s RETURNING status, channel_manager_status
                )
                SELECT status, channel_manager_status, COUNT(*) AS n FROM changed
                GROUP BY status, channel_manager_status
                """.formatted(where);
    }

    @Override
    public String claimSql(String extra) {
        // MATERIALIZED: the picked rows are locked once and updated as picked; an inlined CTE
        // could be re-evaluated and update fewer rows than it locked.
        return """
                WITH picked AS MATERIALIZED (
                    SELECT id, channel_manager_status AS old_channel_status FROM request
                    WHERE batch_pk = :batchPk AND status = 'PENDING' AND due_at <= :now %s
                    ORDER BY due_at, id LIMIT :limit FOR UPDATE SKIP LOCKED
                )
                UPDATE request r SET status = 'INITIATED', channel_manager_status = 'QUEUED',
                       attempt_count = r.attempt_count + 1, sent_at = :now, lease_owner = :node,
                       lease_until = :leaseUntil, updated_at = :now
                FROM picked WHERE r.id = picked.id
                RETURNING r.id, r.reference_id, r.target, r.request_variables, r.attempt_count, r.time_zone,
                          picked.old_channel_status
                """.formatted(extra);
    }

    @Override
    public String claimManySql(String wanted) {
        // Each batch's due rows are picked by their own LIMIT in a LATERAL subquery; the rows are
        // locked (skipping those another node holds) and updated exactly as picked.
        return """
                WITH wanted (batch_pk, n) AS (VALUES %s),
                picked AS MATERIALIZED (
                    SELECT p.id, p.channel_manager_status AS old_channel_status FROM wanted w
                    CROSS JOIN LATERAL (
                        SELECT id, channel_manager_status FROM request
                        WHERE batch_pk = w.batch_pk AND status = 'PENDING' AND due_at <= :now
                        ORDER BY due_at, id LIMIT w.n FOR UPDATE SKIP LOCKED
                    ) p
                )
                UPDATE request r SET status = 'INITIATED', channel_manager_status = 'QUEUED',
                       attempt_count = r.attempt_count + 1, sent_at = :now, lease_owner = :node,
                       lease_until = :leaseUntil, updated_at = :now
                FROM picked WHERE r.id = picked.id
                RETURNING r.id, r.batch_pk, r.reference_id, r.target, r.request_variables, r.attempt_count,
                          r.time_zone, picked.old_channel_status
                """.formatted(wanted);
    }

    @Override
    public BulkLoad bulkLoad(Connection connection, String table, List<String> columns) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN WITH (FORMAT csv)";
        return new CopyLoad(pg.getCopyAPI().copyIn(sql));
    }

    /** Streams rows as CSV into COPY, 256 KiB at a time, never holding the whole load. */
    private static final class CopyLoad implements BulkLoad {
        private static final int FLUSH_AT = 256 * 1024;
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
        private boolean done;

        CopyLoad(CopyIn copy) {
            this.copy = copy;
        }

        @Override
        public void add(@Nullable Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append(',');
                }
                appendCsv(values[i]);
            }
            buffer.append('\n');
            if (buffer.length() >= FLUSH_AT) {
                flush();
            }
        }

        private void appendCsv(@Nullable Object value) {
            if (value == null) {
                return; // an unquoted empty field is NULL in COPY csv
            }
            String s = value instanceof OffsetDateTime t
                    ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t)
                    : value.toString();
            buffer.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    buffer.append('"');
                }
                buffer.append(c);
            }
            buffer.append('"');
        }

        private void flush() throws SQLException {
            if (buffer.isEmpty()) {
                return;
            }
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }

        @Override
        public long finish() throws SQLException {
            flush();
            done = true;
            return copy.endCopy();
        }

        @Override
        public void close() throws SQLException {
            if (!done && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
