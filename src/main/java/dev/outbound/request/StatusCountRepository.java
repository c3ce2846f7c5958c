package dev.outbound.request;

import dev.outbound.store.Dialect;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code status_count} table. Each change lands on a random one of {@link #STRIPES} rows
 * per cell, so concurrent writers to one batch rarely wait on the same row.
 */
@Repository
class StatusCountRepository {
    static final int STRIPES = 8;
    private static final String READ = """
            SELECT request_status, channel_status, SUM(n) AS n FROM status_count
            WHERE batch_pk = :batchPk GROUP BY request_status, channel_status
            """;

    private final JdbcClient jdbc;
    private final Dialect dialect;

    StatusCountRepository(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** Adds the deltas; call inside the transaction that changes the statuses they count. */
    void add(long batchPk, Map<CountKey, Long> deltas) {
        int stripe = ThreadLocalRandom.current().nextInt(STRIPES);
        // A stable order of cells keeps two writers from locking the same rows in opposite order.
        deltas.entrySet().stream()
                .filter(e -> e.getValue() != 0)
                .sorted(Map.Entry.comparingByKey(
                        java.util.Comparator.comparing(CountKey::requestStatus).thenComparing(CountKey::channelStatus)))
                .forEach(e -> jdbc.sql(dialect.addToCounterSql())
                        .param("batchPk", batchPk)
                        .param("requestStatus", e.getKey().requestStatus())
                        .param("channelStatus", e.getKey().channelStatus())
                        .param("stripe", stripe)
                        .param("delta", e.getValue())
                        .update());
    }

    Map<CountKey, Long> read(long batchPk) {
        var cells = new HashMap<CountKey, Long>();
        jdbc.sql(READ).param("batchPk", batchPk).query(rs -> {
            cells.put(new CountKey(rs.getString("request_status"), rs.getString("channel_status")), rs.getLong("n"));
        });
        return cells;
    }
}
