package dev.outbound.policy;

import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code organization_policy} table: one row per organization that ever set its policy. */
@Repository
class PolicyRepository {
    private static final String FIND = """
            SELECT contact_limit, restricted_dates, recipient_rules, max_concurrent, updated_at, updated_by
            FROM organization_policy WHERE organization_id = :org
            """;
    private static final String UPDATE = """
            UPDATE organization_policy SET contact_limit = :limit, restricted_dates = :dates,
                recipient_rules = :rules, max_concurrent = :maxConcurrent, updated_at = :at, updated_by = :by
            WHERE organization_id = :org
            """;
    private static final String UPDATE_LIMIT = """
            UPDATE organization_policy SET contact_limit = :limit, updated_at = :at, updated_by = :by
            WHERE organization_id = :org
            """;
    private static final String INSERT = """
            INSERT INTO organization_policy (organization_id, contact_limit, restricted_dates, recipient_rules,
                max_concurrent, updated_at, updated_by)
            VALUES (:org, :limit, :dates, :rules, :maxConcurrent, :at, :by)
            """;

    private final JdbcClient jdbc;

    PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored documents, as the API's JSON; each null when not set. */
    record Stored(
            @Nullable String contactLimit,
            @Nullable String restrictedDates,
            @Nullable String recipientRules,
            @Nullable Integer maxConcurrent,
            Instant updatedAt,
            String updatedBy) {}

    /** The stored row; empty when the organization never set a policy. */
    Optional<Stored> find(long org) {
        return jdbc.sql(FIND)
                .param("org", org)
                .query((rs, n) -> new Stored(
                        rs.getString("contact_limit"),
                        rs.getString("restricted_dates"),
                        rs.getString("recipient_rules"),
                        rs.getObject("max_concurrent", Integer.class),
                        Instants.readRequired(rs, "updated_at"),
                        rs.getString("updated_by")))
                .optional();
    }

    /** Replaces the whole row. */
    void save(long org, Stored p) {
        if (bind(jdbc.sql(UPDATE), org, p).update() == 0) {
            bind(jdbc.sql(INSERT), org, p).update();
        }
    }

    /** Sets only the contact limit, keeping the rest of the policy. */
    void saveLimit(long org, @Nullable String limitJson, Instant at, String by) {
        int updated = jdbc.sql(UPDATE_LIMIT)
                .param("org", org)
                .param("limit", limitJson)
                .param("at", Instants.toDb(at))
                .param("by", by)
                .update();
        if (updated == 0) {
            save(org, new Stored(limitJson, null, null, null, at, by));
        }
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, long org, Stored p) {
        return spec.param("org", org)
                .param("limit", p.contactLimit())
                .param("dates", p.restrictedDates())
                .param("rules", p.recipientRules())
                .param("maxConcurrent", p.maxConcurrent())
                .param("at", Instants.toDb(p.updatedAt()))
                .param("by", p.updatedBy());
    }
}
