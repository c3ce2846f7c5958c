package dev.outbound.request;

import dev.outbound.store.Dialect;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code status_count} table. Each change lands on one of {@link #STRIPES} rows per cell
 * (which one is the store's policy, see {@link Dialect#stripes}), so concurrent writers to one
 * batch rarely wait on the same row; reads sum the stripes.
 */
@Repository
class StatusCountRepository {
    static final int STRIPES = 8;
    private static final Comparator<CountKey> CELL_ORDER = Comparator.comparing(
                    (CountKey k) -> k.requestStatus().name())
            .thenComparing(k -> k.channelStatus().wire());

    /**
     * In flight per batch from the counters: exact for every committed change (each status write
     * moves them in its own transaction), without reading a request row.
     */
    private static final String IN_FLIGHT_BY_BATCH =
            """
            SELECT batch_pk, SUM(n) AS n FROM status_count
            WHERE batch_pk IN (:batchPks) AND request_status IN %s GROUP BY batch_pk
            """.formatted(dev.outbound.store.EnumSql.in(RequestStatus.IN_FLIGHT));

    private final NamedParameterJdbcTemplate batch;
    private final String upsert;
    private final Dialect.Stripes stripes;

    StatusCountRepository(NamedParameterJdbcTemplate batch, Dialect dialect) {
        this.batch = batch;
        this.upsert = dialect.upsertAdding(
                "status_count", List.of("batch_pk", "request_status", "channel_status", "stripe"), "n");
        this.stripes = dialect.stripes(STRIPES);
    }

    /**
     * Adds the deltas of several batches in one round trip; call inside the transaction that
     * changes the statuses they count. Cells are written in a stable order (batch, status, channel
     * status), so two writers never lock the same rows in opposite order.
     */
    void addAll(Deltas deltas) {
        var rows = new java.util.ArrayList<MapSqlParameterSource>();
        int stripe = -1;
        for (var batchCells : deltas.byBatch().entrySet()) {
            var cells = batchCells.getValue().entrySet().stream()
                    .filter(e -> e.getValue() != 0)
                    .sorted(Map.Entry.comparingByKey(CELL_ORDER))
                    .toList();
            for (var e : cells) {
                if (stripe < 0) {
                    stripe = stripes.forCurrentTransaction();
                }
                rows.add(new MapSqlParameterSource()
                        .addValue("batch_pk", batchCells.getKey())
                        .addValue("request_status", e.getKey().requestStatus().name())
                        .addValue("channel_status", e.getKey().channelStatus().wire())
                        .addValue("stripe", stripe)
                        .addValue("n", e.getValue()));
            }
        }
        if (!rows.isEmpty()) {
            batch.batchUpdate(upsert, rows.toArray(MapSqlParameterSource[]::new));
        }
    }

    Map<Long, Integer> inFlightByBatch(java.util.Collection<Long> batchPks) {
        var out = new java.util.HashMap<Long, Integer>();
        batch.query(IN_FLIGHT_BY_BATCH, new MapSqlParameterSource("batchPks", batchPks), rs -> {
            out.put(rs.getLong("batch_pk"), rs.getInt("n"));
        });
        return out;
    }
}
