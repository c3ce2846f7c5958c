package dev.outbound.request;

import dev.outbound.store.Dialect;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code status_count} table. Each change lands on one of {@link #STRIPES} rows per cell
 * (see {@link Stripes}), so concurrent writers to one batch rarely wait on the same row.
 */
@Repository
class StatusCountRepository {
    static final int STRIPES = Stripes.COUNT;
    private static final String READ = """
            SELECT request_status, channel_status, SUM(n) AS n FROM status_count
            WHERE batch_pk = :batchPk GROUP BY request_status, channel_status
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final Dialect dialect;
    private final Stripes stripes;

    StatusCountRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Dialect dialect, Stripes stripes) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.dialect = dialect;
        this.stripes = stripes;
    }

    /** Adds the deltas; call inside the transaction that changes the statuses they count. */
    void add(long batchPk, Map<CountKey, Long> deltas) {
        addAll(Map.of(batchPk, deltas));
    }

    /**
     * Adds the deltas of several batches in one round trip. Cells are written in a stable order
     * (batch, status, channel status), so two writers never lock the same rows in opposite order.
     */
    void addAll(Map<Long, Map<CountKey, Long>> deltasByBatch) {
        int stripe = stripes.forCurrentTransaction();
        var rows = new java.util.ArrayList<MapSqlParameterSource>();
        new java.util.TreeMap<>(deltasByBatch)
                .forEach((batchPk, deltas) -> deltas.entrySet().stream()
                        .filter(e -> e.getValue() != 0)
                        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(CountKey::requestStatus)
                                .thenComparing(CountKey::channelStatus)))
                        .forEach(e -> rows.add(new MapSqlParameterSource()
                                .addValue("batchPk", batchPk)
                                .addValue("requestStatus", e.getKey().requestStatus())
                                .addValue("channelStatus", e.getKey().channelStatus())
                                .addValue("stripe", stripe)
                                .addValue("delta", e.getValue()))));
        if (!rows.isEmpty()) {
            batch.batchUpdate(dialect.addToCounterSql(), rows.toArray(MapSqlParameterSource[]::new));
        }
    }

    Map<CountKey, Long> read(long batchPk) {
        var cells = new HashMap<CountKey, Long>();
        jdbc.sql(READ).param("batchPk", batchPk).query(rs -> {
            cells.put(new CountKey(rs.getString("request_status"), rs.getString("channel_status")), rs.getLong("n"));
        });
        return cells;
    }
}
