package dev.outbound.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The only place where PostgreSQL and H2 differ, as syntax: each method builds a statement shape
 * from the table, columns and conditions a capability gives it, and knows no capability's tables.
 */
public interface Dialect {

    /**
     * Adds {@code :<addColumn>} to the row of {@code table} with the given key, creating it if
     * missing. Parameters are the column names themselves ({@code :batch_pk}, ...).
     */
    String upsertAdding(String table, List<String> keyColumns, String addColumn);

    /**
     * Updates {@code table} (alias {@code t}) with {@code set} where {@code where} holds, and answers
     * how many rows changed per previous value of {@code groupColumns}, in a column {@code n}.
     */
    String countedUpdate(String table, String set, String where, List<String> groupColumns);

    /** Deletes from {@code table} where {@code where} holds, answering rows removed per previous {@code groupColumns}. */
    String countedDelete(String table, String where, List<String> groupColumns);

    /**
     * Updates the rows of {@code table} (alias {@code t}; {@code set} qualifies the columns it
     * reads with {@code t.}) whose {@code id} the query {@code pick} selects, and answers
     * {@code columns} of each as {@code pick} read them, before the update. {@code pick} must select
     * {@code id} and {@code columns} and should end with {@link #skipLocked()} where concurrent
     * pickers must not wait on each other.
     */
    String updatePicked(String table, String set, String pick, List<String> columns);

    /**
     * A query answering the rows {@code perGroup} picks for each group, in one statement.
     * {@code perGroup} is a format with {@code %1$s} for the group's key and {@code %2$s} for its
     * limit; each group is a pair {key, limit} of numbers the caller made (they are written into
     * the text).
     */
    String pickPerGroup(List<long[]> groups, String perGroup);

    /** Row-lock clause for a query that should pass over rows other transactions hold. */
    String skipLocked();

    /** How concurrent transactions spread their writes over {@code count} rows of one upserted counter. */
    Stripes stripes(int count);

    /**
     * Whether {@code e} says a row lock was not available at once ({@code FOR UPDATE NOWAIT}), an
     * error the driver may leave untranslated.
     */
    boolean isLockNotAvailable(SQLException e);

    /**
     * Creates a temporary table with the given column definitions, seen only by the current
     * transaction and dropped when it ends (committed or rolled back): a staging area for a
     * bulk load that is then merged into a real table in one statement.
     */
    String scratchTable(String name, String columnDefinitions);

    /**
     * Whether a bulk load's work happens in the database server's process (PostgreSQL), leaving
     * this process's cores to prepare rows in parallel; false for the embedded store, whose inserts
     * run on the loading thread itself.
     */
    boolean bulkLoadOffProcess();

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

    /** Which of a counter's stripes the current transaction writes. */
    @FunctionalInterface
    interface Stripes {
        int forCurrentTransaction();
    }
}
