package dev.outbound.suppression;

import dev.outbound.store.Instants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SuppressionRepository {
    private static final String INSERT = """
            INSERT INTO suppression (organization_id, target_key, kind, source, reason, added_by, created_at)
            SELECT :org, :target, :kind, :source, :reason, :addedBy, :createdAt
            WHERE NOT EXISTS (SELECT 1 FROM suppression WHERE organization_id = :org AND target_key = :target)
            """;
    private static final String FIND = """
            SELECT target_key, kind, source, reason, added_by, created_at FROM suppression
            WHERE organization_id = :org AND target_key = :target
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

    private final JdbcClient jdbc;

    SuppressionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
