package dev.outbound.batch;

import dev.outbound.api.ListQuery;
import dev.outbound.store.EnumSql;
import dev.outbound.store.Inserts;
import dev.outbound.store.Instants;
import dev.outbound.store.ListSql;
import dev.outbound.store.ListSql.Column;
import dev.outbound.store.ListSql.Match;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code batch} table, but for its status: {@link BatchStatusWriter} makes every status change.
 * Reads are always scoped by organization.
 */
@Repository
class BatchRepository {
    static final List<String> PROPERTIES =
            List.of("batch_id", "campaign_id", "status", "expires_on", "last_updated_at");
    private static final Map<String, Column> COLUMNS = Map.of(
            "batch_id", new Column("batch_id", Match.CONTAINS),
            "campaign_id", new Column("campaign_id", Match.NUMBER),
            "status", new Column("status", Match.EQUALS, BatchStatus.NAMES),
            "expires_on", new Column("expires_on", Match.TIME),
            "last_updated_at", new Column("last_updated_at", Match.TIME));

    private static final String COLUMNS_SQL = """
            pk, organization_id, batch_id, campaign_id, status, paused, expires_on, call_rate, auto_call_rate,
            auto_call_rate_baseline, dispatch_id, upload_filename, error_message, created_at, deleted_at,
            deleted_reason, last_updated_at, last_updated_by, version
            """;
    private static final String INSERT = """
            INSERT INTO batch (organization_id, batch_id, campaign_id, status, paused, expires_on, call_rate,
                               auto_call_rate, dispatch_id, created_at, last_updated_at, last_updated_by, version)
            VALUES (:organizationId, :batchId, :campaignId, 'PENDING', :paused, :expiresOn, :callRate,
                    :autoCallRate, :dispatchId, :now, :now, :user, 0)
            """;
    private static final String FIND = "SELECT " + COLUMNS_SQL + """
             FROM batch WHERE organization_id = :organizationId AND batch_id = :batchId
            """;
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String LOCK_NOWAIT = FIND + " FOR UPDATE NOWAIT";
    private static final String LIST = "SELECT " + COLUMNS_SQL + " FROM batch WHERE organization_id = :organizationId";
    private static final String COUNT = "SELECT COUNT(*) FROM batch WHERE organization_id = :organizationId";
    private static final String LIVE_IN_CAMPAIGN = """
            SELECT COUNT(*) FROM batch
            WHERE organization_id = :organizationId AND campaign_id = :campaignId AND deleted_at IS NULL
            """;

    private static final String DIALABLE = """
            SELECT pk, organization_id, batch_id, campaign_id, status, call_rate, auto_call_rate,
                   auto_call_rate_baseline, next_attempt_at, expires_on, prioritized
            FROM batch
            WHERE status IN ('PENDING', 'ACTIVE') AND paused = FALSE AND deleted_at IS NULL
              AND (expires_on IS NULL OR expires_on > :now)
              AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
            ORDER BY next_attempt_at NULLS FIRST, pk LIMIT :limit
            """;
    // Compare-and-set on next_attempt_at: of several nodes reading the same allowance, exactly
    // one advances it, so no node spends another node's slots.
    private static final String TAKE_ALLOWANCE = """
            UPDATE batch SET next_attempt_at = :next
            WHERE pk = :pk AND status IN ('PENDING', 'ACTIVE') AND paused = FALSE
              AND (next_attempt_at = :expected OR (next_attempt_at IS NULL AND CAST(:expectedIsNull AS BOOLEAN)))
            """;
    private static final String BASELINE = """
            UPDATE batch SET auto_call_rate_baseline = :rate WHERE pk = :pk AND auto_call_rate_baseline IS NULL
            """;
    private static final String EXPIRING = "SELECT " + COLUMNS_SQL + " FROM batch WHERE status IN "
            + EnumSql.in(BatchTransitions.sources(BatchStatus.EXPIRED)) + """
             AND expires_on <= :now
            ORDER BY expires_on LIMIT :limit
            """;

    private static final String BY_PK = "SELECT " + COLUMNS_SQL + " FROM batch WHERE pk = :pk";
    private static final String OF_CAMPAIGNS = """
            SELECT pk, organization_id FROM batch WHERE campaign_id IN (:campaignIds)
            """;

    // The batches whose requests can be in flight: those still dialling or on hold. The two
    // conditions are served by batch_campaign and batch_org_created.
    private static final String OPEN_IN = """
            SELECT pk, campaign_id, organization_id FROM batch
            WHERE status IN %s AND (campaign_id IN (:campaignIds) OR organization_id IN (:organizationIds))
            """.formatted(
                    EnumSql.in(java.util.EnumSet.of(BatchStatus.PENDING, BatchStatus.ACTIVE, BatchStatus.PAUSED)));

    private static final String PRIORITIZE = "UPDATE batch SET prioritized = TRUE WHERE pk = :pk";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    BatchRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.batch = batch;
        this.jdbc = jdbc;
    }

    long insert(
            long organizationId,
            String batchId,
            long campaignId,
            boolean paused,
            @Nullable Instant expiresOn,
            @Nullable Integer callRate,
            boolean autoCallRate,
            String dispatchId,
            Instant now,
            String user) {
        return Inserts.returningKey(
                jdbc.sql(INSERT)
                        .param("organizationId", organizationId)
                        .param("batchId", batchId)
                        .param("campaignId", campaignId)
                        .param("paused", paused)
                        .param("expiresOn", Instants.toDb(expiresOn))
                        .param("callRate", callRate)
                        .param("autoCallRate", autoCallRate)
                        .param("dispatchId", dispatchId)
                        .param("now", Instants.toDb(now))
                        .param("user", user),
                "pk");
    }

    Optional<Batch> find(long organizationId, String batchId) {
        return one(FIND, organizationId, batchId);
    }

    /** Reads and row-locks the batch until the transaction ends. */
    Optional<Batch> lock(long organizationId, String batchId) {
        return one(LOCK, organizationId, batchId);
    }

    /** Like {@link #lock} but fails at once (a lock error) when another transaction holds it. */
    Optional<Batch> lockNowait(long organizationId, String batchId) {
        return one(LOCK_NOWAIT, organizationId, batchId);
    }

    private Optional<Batch> one(String sql, long organizationId, String batchId) {
        return jdbc.sql(sql)
                .param("organizationId", organizationId)
                .param("batchId", batchId)
                .query(BatchRepository::row)
                .optional();
    }

    List<Batch> list(long organizationId, ListQuery query, boolean includeDeleted) {
        ListSql.Built built = ListSql.build(query, COLUMNS, "created_at", "created_at", "pk");
        String sql = LIST + deleted(includeDeleted) + built.conditions() + " ORDER BY " + built.orderBy()
                + " LIMIT :limit OFFSET :offset";
        var params = new HashMap<String, Object>(built.params());
        params.put("organizationId", organizationId);
        params.put("limit", query.limit());
        params.put("offset", query.offset());
        return jdbc.sql(sql).params(params).query(BatchRepository::row).list();
    }

    long count(long organizationId, ListQuery query, boolean includeDeleted) {
        ListSql.Built built = ListSql.build(query, COLUMNS, "created_at", "created_at", "pk");
        var params = new HashMap<String, Object>(built.params());
        params.put("organizationId", organizationId);
        return jdbc.sql(COUNT + deleted(includeDeleted) + built.conditions())
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String deleted(boolean includeDeleted) {
        return includeDeleted ? "" : " AND deleted_at IS NULL";
    }

    List<DialableBatch> dialable(Instant now, int limit) {
        return jdbc.sql(DIALABLE)
                .param("now", Instants.toDb(now))
                .param("limit", limit)
                .query((rs, n) -> {
                    // getObject answers null for SQL NULL, where getInt would answer 0.
                    Integer rate = rs.getObject("call_rate", Integer.class);
                    Double base = rs.getObject("auto_call_rate_baseline", Double.class);
                    return new DialableBatch(
                            rs.getLong("pk"),
                            rs.getLong("organization_id"),
                            rs.getString("batch_id"),
                            rs.getLong("campaign_id"),
                            BatchStatus.valueOf(rs.getString("status")),
                            rate,
                            rs.getBoolean("auto_call_rate"),
                            base,
                            Instants.read(rs, "next_attempt_at"),
                            Instants.read(rs, "expires_on"),
                            rs.getBoolean("prioritized"));
                })
                .list();
    }

    /** Compare-and-sets each batch's next slot, in one round trip; true where it was taken. */
    boolean[] takeAllowances(List<AllowanceTake> takes) {
        var rows = takes.stream()
                .map(t -> new MapSqlParameterSource()
                        .addValue("next", Instants.toDb(t.next()))
                        .addValue("pk", t.batch().pk())
                        .addValue("expected", Instants.toDb(t.batch().nextAttemptAt()))
                        .addValue("expectedIsNull", t.batch().nextAttemptAt() == null))
                .toArray(MapSqlParameterSource[]::new);
        int[] changed = batch.batchUpdate(TAKE_ALLOWANCE, rows);
        boolean[] taken = new boolean[changed.length];
        for (int i = 0; i < changed.length; i++) {
            taken[i] = changed[i] == 1;
        }
        return taken;
    }

    void setBaseline(long pk, double rate) {
        jdbc.sql(BASELINE).param("rate", rate).param("pk", pk).update();
    }

    List<Batch> expiring(Instant now, int limit) {
        return jdbc.sql(EXPIRING)
                .param("now", Instants.toDb(now))
                .param("limit", limit)
                .query(BatchRepository::row)
                .list();
    }

    /** batch pk → organization id of every batch of these campaigns, deleted ones included. */
    Map<Long, Long> ofCampaigns(List<Long> campaignIds) {
        var out = new HashMap<Long, Long>();
        jdbc.sql(OF_CAMPAIGNS).param("campaignIds", campaignIds).query(rs -> {
            out.put(rs.getLong("pk"), rs.getLong("organization_id"));
        });
        return out;
    }

    void prioritize(long pk) {
        jdbc.sql(PRIORITIZE).param("pk", pk).update();
    }

    List<OpenBatch> openIn(List<Long> campaignIds, List<Long> organizationIds) {
        return jdbc.sql(OPEN_IN)
                .param("campaignIds", campaignIds)
                .param("organizationIds", organizationIds)
                .query((rs, n) ->
                        new OpenBatch(rs.getLong("pk"), rs.getLong("campaign_id"), rs.getLong("organization_id")))
                .list();
    }

    Optional<Batch> byPk(long pk) {
        return jdbc.sql(BY_PK).param("pk", pk).query(BatchRepository::row).optional();
    }

    long liveInCampaign(long organizationId, long campaignId) {
        return jdbc.sql(LIVE_IN_CAMPAIGN)
                .param("organizationId", organizationId)
                .param("campaignId", campaignId)
                .query(Long.class)
                .single();
    }

    private static Batch row(ResultSet rs, int n) throws SQLException {
        // getObject answers null for SQL NULL, where getInt would answer 0.
        Integer rate = rs.getObject("call_rate", Integer.class);
        Double base = rs.getObject("auto_call_rate_baseline", Double.class);
        return new Batch(
                rs.getLong("pk"),
                rs.getLong("organization_id"),
                rs.getString("batch_id"),
                rs.getLong("campaign_id"),
                BatchStatus.valueOf(rs.getString("status")),
                rs.getBoolean("paused"),
                Instants.read(rs, "expires_on"),
                rate,
                rs.getBoolean("auto_call_rate"),
                base,
                rs.getString("dispatch_id"),
                rs.getString("upload_filename"),
                rs.getString("error_message"),
                Instants.readRequired(rs, "created_at"),
                Instants.read(rs, "deleted_at"),
                rs.getString("deleted_reason"),
                Instants.read(rs, "last_updated_at"),
                rs.getString("last_updated_by"),
                rs.getInt("version"));
    }
}
