package dev.outbound.suppression;

import dev.outbound.store.Dialect;
import dev.outbound.store.Instants;
import dev.outbound.store.ListSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

@Repository
class SuppressionRepository {
    private static final String COLUMNS = "target_key, kind, source, reason, added_by, created_at";
    // ON CONFLICT DO NOTHING (no conflict target: H2 knows only this form): a concurrent add of
    // the same target waits for the other and then adds nothing, where NOT EXISTS would fail.
    private static final String INSERT = """
            INSERT INTO suppression (organization_id, target_key, kind, source, reason, added_by, created_at)
            VALUES (:org, :target, :kind, :source, :reason, :addedBy, :createdAt)
            ON CONFLICT DO NOTHING
            """;
    private static final String FIND = "SELECT " + COLUMNS + """
             FROM suppression WHERE organization_id = :org AND target_key = :target
            """;
    private static final String DELETE = """
            DELETE FROM suppression WHERE organization_id = :org AND target_key = :target
            """;
    private static final String DELETE_FROM_SOURCE = """
            DELETE FROM suppression WHERE organization_id = :org AND target_key = :target AND source = :source
            """;
    private static final String KINDS = """
            SELECT target_key, kind FROM suppression WHERE organization_id = :org AND target_key IN (:targets)
            """;
    private static final String LIST = "SELECT " + COLUMNS + """
             FROM suppression WHERE organization_id = :org %s ORDER BY %s LIMIT :limit OFFSET :offset
            """;
    private static final String COUNT = """
            SELECT COUNT(*) FROM suppression WHERE organization_id = :org %s
            """;
    // Primary key order: an index scan, whatever the list's size.
    private static final String ALL = "SELECT " + COLUMNS + """
             FROM suppression WHERE organization_id = :org ORDER BY target_key
            """;

    /** The staging table of one upload; the transaction that creates it drops it. */
    private static final String STAGING = "suppression_staged";

    private static final String STAGING_COLUMNS =
            "line BIGINT NOT NULL, target_key VARCHAR(320) NOT NULL, kind VARCHAR(16) NOT NULL, reason VARCHAR(1000)";
    private static final List<String> STAGING_LOAD = List.of("line", "target_key", "kind", "reason");
    // One statement for the whole file. By target, then line: the first of a target's rows in
    // the file wins. DO NOTHING passes over targets listed before, or added meanwhile through
    // the API (uploads of one organization take turns, see UploadTurnRepository).
    private static final String MERGE_STAGED = """
            INSERT INTO suppression (organization_id, target_key, kind, source, reason, added_by, created_at)
            SELECT :org, target_key, kind, :source, reason, :addedBy, :createdAt FROM suppression_staged
            ORDER BY target_key, line
            ON CONFLICT DO NOTHING
            """;

    private final JdbcClient jdbc;
    private final Dialect dialect;
    private final DataSource dataSource;

    SuppressionRepository(JdbcClient jdbc, Dialect dialect, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.dataSource = dataSource;
    }

    /** Inserts the entry unless the target is already there; true when it was inserted. */
    boolean insertIfAbsent(long org, Suppression s) {
        return jdbc.sql(INSERT)
                        .param("org", org)
                        .param("target", s.target())
                        .param("kind", s.kind().name())
                        .param("source", s.source().name())
                        .param("reason", s.reason())
                        .param("addedBy", s.addedBy())
                        .param("createdAt", Instants.toDb(s.createdAt()))
                        .update()
                == 1;
    }

    Optional<Suppression> find(long org, String target) {
        return jdbc.sql(FIND)
                .param("org", org)
                .param("target", target)
                .query(SuppressionRepository::row)
                .optional();
    }

    boolean delete(long org, String target) {
        return jdbc.sql(DELETE).param("org", org).param("target", target).update() == 1;
    }

    boolean deleteFromSource(long org, String target, SuppressionSource source) {
        return jdbc.sql(DELETE_FROM_SOURCE)
                        .param("org", org)
                        .param("target", target)
                        .param("source", source.name())
                        .update()
                == 1;
    }

    Map<String, SuppressionKind> kinds(long org, Collection<String> targets) {
        var out = new HashMap<String, SuppressionKind>();
        if (!targets.isEmpty()) {
            jdbc.sql(KINDS)
                    .param("org", org)
                    .param("targets", List.copyOf(targets))
                    .query(rs -> {
                        out.put(rs.getString("target_key"), SuppressionKind.valueOf(rs.getString("kind")));
                    });
        }
        return out;
    }

    List<Suppression> list(long org, ListSql.Built where, int limit, long offset) {
        return jdbc.sql(LIST.formatted(where.conditions(), where.orderBy()))
                .params(where.params())
                .param("org", org)
                .param("limit", limit)
                .param("offset", offset)
                .query(SuppressionRepository::row)
                .list();
    }

    long count(long org, ListSql.Built where) {
        return jdbc.sql(COUNT.formatted(where.conditions()))
                .params(where.params())
                .param("org", org)
                .query(Long.class)
                .single();
    }

    /** Every entry of the organization, by target, read through a cursor; call inside a transaction. */
    void each(long org, Consumer<Suppression> sink) {
        jdbc.sql(ALL).param("org", org).withFetchSize(1000).query(rs -> {
            sink.accept(row(rs, 0));
        });
    }

    /** Moves the staged rows into the list; answers how many were new. */
    long mergeStaged(long org, String addedBy, Instant createdAt) {
        return jdbc.sql(MERGE_STAGED)
                .param("org", org)
                .param("source", SuppressionSource.UPLOAD.name())
                .param("addedBy", addedBy)
                .param("createdAt", Instants.toDb(createdAt))
                .update();
    }

    /**
     * Creates this transaction's staging table and opens a bulk load into it (COPY on PostgreSQL,
     * batched INSERTs on H2), on the transaction's connection.
     */
    Dialect.BulkLoad stage() throws SQLException {
        jdbc.sql(dialect.scratchTable(STAGING, STAGING_COLUMNS)).update();
        return dialect.bulkLoad(DataSourceUtils.getConnection(dataSource), STAGING, STAGING_LOAD);
    }

    static Suppression row(ResultSet rs, int n) throws SQLException {
        return new Suppression(
                rs.getString("target_key"),
                SuppressionKind.valueOf(rs.getString("kind")),
                SuppressionSource.valueOf(rs.getString("source")),
                rs.getString("reason"),
                rs.getString("added_by"),
                Instants.readRequired(rs, "created_at"));
    }
}
