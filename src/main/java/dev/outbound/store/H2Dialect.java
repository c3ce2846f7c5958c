package dev.outbound.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** H2 (PostgreSQL mode): batched INSERTs for bulk loads, MERGE for counters, delta tables for counts. */
final class H2Dialect implements Dialect {
    private static final int BATCH = 2000;

    @Override
    public boolean atomicUpsert() {
        return false;
    }

    @Override
    public String addToCounterSql() {
        return """
                MERGE INTO status_count t
                USING (VALUES (CAST(:batchPk AS BIGINT), CAST(:requestStatus AS VARCHAR), CAST(:channelStatus AS VARCHAR),
                               CAST(:stripe AS SMALLINT), CAST(:delta AS BIGINT)))
                      AS s (batch_pk, request_status, channel_status, stripe, delta)
                ON t.batch_pk = s.batch_pk AND t.request_status = s.request_status
                   AND t.channel_status = s.channel_status AND t.stripe = s.stripe
                WHEN MATCHED THEN UPDATE SET n = t.n + s.delta
                WHEN NOT MATCHED THEN INSERT (batch_pk, request_status, channel_status, stripe, n)
                     VALUES (s.batch_pk, s.request_status, s.channel_status, s.stripe, s.delta)
                """;
    }

    @Override
    public String countedUpdateSql(String set, String where) {
        return """
                SELECT status, channel_manager_status, COUNT(*) AS n
                FROM OLD TABLE (UPDATE request SET %s WHERE %s)
                GROUP BY status, channel_manager_status
                """.formatted(set, where);
    }

    @Override
    public String lockSkippingLocked() {
        return ""; // one node: nobody else to skip
    }

    @Override
    public String countedDeleteSql(String where) {
        return """
                SELECT status, channel_manager_status, COUNT(*) AS n
                FROM OLD TABLE (DELETE FROM request WHERE %s)
                GROUP BY status, channel_manager_status
                """.formatted(where);
    }

    @Override
    public String claimSql(String extra) {
        // H2 is the single-node store: its UPDATE locks what it changes, and there is no second
        // node to skip. The old row is read back, so the attempt count is the new one minus one.
        return """
                SELECT id, reference_id, target, request_variables, attempt_count + 1 AS attempt_count, time_zone,
                       channel_manager_status AS old_channel_status
                FROM OLD TABLE (
                    UPDATE request SET status = 'INITIATED', channel_manager_status = 'QUEUED',
                           attempt_count = attempt_count + 1, sent_at = :now, lease_owner = :node,
                           lease_until = :leaseUntil, updated_at = :now
                    WHERE id IN (SELECT id FROM request
                                 WHERE batch_pk = :batchPk AND status = 'PENDING' AND due_at <= :now %s
                                 ORDER BY due_at, id LIMIT :limit)
                )
                """.formatted(extra);
    }

    @Override
    public @Nullable String claimManySql(String wanted) {
        // One node, in-process: a claim per batch costs no network round trip.
        return null;
    }

    @Override
    public BulkLoad bulkLoad(Connection connection, String table, List<String> columns) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        return new InsertLoad(connection.prepareStatement(sql));
    }

    private static final class InsertLoad implements BulkLoad {
        private final PreparedStatement statement;
        private int pending;
        private long total;

        InsertLoad(PreparedStatement statement) {
            this.statement = statement;
        }

        @Override
        public void add(@Nullable Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            if (++pending == BATCH) {
                flush();
            }
        }

        private void flush() throws SQLException {
            if (pending > 0) {
                statement.executeBatch();
                total += pending;
                pending = 0;
            }
        }

        @Override
        public long finish() throws SQLException {
            flush();
            return total;
        }

        @Override
        public void close() throws SQLException {
            statement.close();
        }
    }
}
