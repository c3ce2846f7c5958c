package dev.outbound.policy;

import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PolicyRepository {
    private static final String FIND = """
            SELECT contact_limit FROM organization_policy WHERE organization_id = :org
            """;
    private static final String FIND_ALL = """
            SELECT contact_limit, updated_at, updated_by FROM organization_policy WHERE organization_id = :org
            """;
    private static final String UPDATE = """
            UPDATE organization_policy SET contact_limit = :limit, updated_at = :at, updated_by = :by
            WHERE organization_id = :org
            """;
    private static final String INSERT = """
            INSERT INTO organization_policy (organization_id, contact_limit, updated_at, updated_by)
            VALUES (:org, :limit, :at, :by)
            """;

    private final JdbcClient jdbc;

    PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored contact limit document; empty when the organization has none. */
    Optional<String> contactLimit(long org) {
        return jdbc.sql(FIND)
                .param("org", org)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(o -> o);
    }

    /** The stored row; empty when the organization never set a policy. */
    Optional<Stored> find(long org) {
        return jdbc.sql(FIND_ALL)
                .param("org", org)
                .query((rs, n) -> new Stored(
                        rs.getString("contact_limit"),
                        Instants.readRequired(rs, "updated_at"),
                        rs.getString("updated_by")))
                .optional();
    }

    record Stored(@Nullable String contactLimit, Instant updatedAt, String updatedBy) {}

    void save(long org, @Nullable String limitJson, Instant at, String by) {
        int updated = jdbc.sql(UPDATE)
                .param("org", org)
                .param("limit", limitJson)
                .param("at", Instants.toDb(at))
                .param("by", by)
                .update();
        if (updated == 0) {
            jdbc.sql(INSERT)
                    .param("org", org)
                    .param("limit", limitJson)
                    .param("at", Instants.toDb(at))
                    .param("by", by)
                    .update();
        }
    }
}
