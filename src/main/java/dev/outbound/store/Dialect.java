package dev.outbound.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The only place where PostgreSQL and H2 differ. Everything else is SQL both understand.
 */
public interface Dialect {

    /**
     * Whether {@link #addToCounterSql} stays correct when two transactions create the same
     * counter row at once (PostgreSQL's ON CONFLICT does; H2's MERGE fails with a duplicate key).
     */
    boolean atomicUpsert();

    /**
     * Adds {@code :delta} to a counter row, creating it if missing, atomically under concurrency:
     * parameters {@code batch_pk, request_status, channel_status, stripe, delta}.
     */
    String addToCounterSql();

    /**
     * Applies {@code UPDATE request SET <set> WHERE <where>} and answers the number of rows changed
     * per previous (status, channel status), so counters can move exactly the rows that moved.
     * Named parameters of {@code set} and {@code where} are bound from {@code params}.
     */
    String countedUpdateSql(String set, String where);

    /**
     * Applies {@code DELETE FROM request WHERE <where>} and answers the rows removed per
     * (status, channel status).
     */
    String countedDeleteSql(String where);

    /**
     * Claims up to {@code :limit} due PENDING requests of batch {@code :batchPk} for this node in
     * one statement (skipping rows another node holds) and answers them with their previous
     * channel status as {@code old_channel_status} and their new {@code attempt_count}.
     * {@code extra} adds conditions (e.g. open time zones). Parameters: batchPk, now, limit,
     * node, leaseUntil.
     */
    String claimSql(String extra);

    /**
     * Claims like {@link #claimSql} for several batches in one statement, or null when this store
     * claims batch by batch. {@code wanted} is a {@code VALUES} list of {@code (batch_pk, limit)}
     * pairs; the rows come back with their {@code batch_pk}. Parameters: now, node, leaseUntil.
     */
    @Nullable
    String claimManySql(String wanted);

    /** Row-lock clause for a subquery that should pass over rows other transactions hold. */
    String lockSkippingLocked();

    /** Starts a bulk load into {@code table}; rows are written in order and kept on commit. */
    BulkLoad bulkLoad(Connection connection, String table, List<String> columns) throws SQLException;

    /** A bulk load in progress on the caller's connection and transaction. */
    interface BulkLoad extends AutoCloseable {
        /** Values in column order: String, Integer, Long, Boolean, OffsetDateTime or null. */
        void add(@Nullable Object... values) throws SQLException;

        /** Sends what is buffered and answers the number of rows loaded. */
        long finish() throws SQLException;

        @Override
        void close() throws SQLException;
    }
}
