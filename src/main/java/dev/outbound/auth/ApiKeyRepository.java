package dev.outbound.auth;

import dev.outbound.store.Inserts;
import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_key} table. Only hashes are stored. */
@Repository
class ApiKeyRepository {
    private static final String INSERT = """
            INSERT INTO api_key (organization_id, key_hash, key_prefix, user_email, superuser, created_at)
            VALUES (:organizationId, :keyHash, :keyPrefix, :userEmail, :superuser, :createdAt)
            """;
    private static final String FIND_ACTIVE = """
            SELECT id, organization_id, user_email, superuser FROM api_key
            WHERE key_hash = :keyHash AND revoked_at IS NULL
            """;
    private static final String EXISTS_HASH = """
            SELECT COUNT(*) FROM api_key WHERE key_hash = :keyHash
            """;
    private static final String COUNT_ALL = """
            SELECT COUNT(*) FROM api_key
            """;
    private static final String LIST = """
            SELECT id, key_prefix, user_email, superuser, created_at, revoked_at FROM api_key
            WHERE organization_id = :organizationId ORDER BY id
            """;
    private static final String REVOKE = """
            UPDATE api_key SET revoked_at = :revokedAt
            WHERE id = :id AND organization_id = :organizationId AND revoked_at IS NULL
            """;

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long organizationId, String key, String userEmail, boolean superuser, Instant createdAt) {
        return Inserts.returningKey(
                jdbc.sql(INSERT)
                        .param("organizationId", organizationId)
                        .param("keyHash", ApiKeys.hash(key))
                        .param("keyPrefix", ApiKeys.displayPrefix(key))
                        .param("userEmail", userEmail)
                        .param("superuser", superuser)
                        .param("createdAt", Instants.toDb(createdAt)),
                "id");
    }

    Optional<Caller> findActive(String key) {
        return jdbc.sql(FIND_ACTIVE)
                .param("keyHash", ApiKeys.hash(key))
                .query((rs, n) -> new Caller(
                        rs.getLong("organization_id"),
                        rs.getString("user_email"),
                        rs.getBoolean("superuser"),
                        rs.getLong("id")))
                .optional();
    }

    boolean exists(String key) {
        return jdbc.sql(EXISTS_HASH)
                        .param("keyHash", ApiKeys.hash(key))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Every key ever made, revoked ones included. */
    long countAll() {
        return jdbc.sql(COUNT_ALL).query(Long.class).single();
    }

    List<ApiKeyView> list(long organizationId) {
        return jdbc.sql(LIST)
                .param("organizationId", organizationId)
                .query((rs, n) -> new ApiKeyView(
                        rs.getLong("id"),
                        rs.getString("key_prefix"),
                        rs.getString("user_email"),
                        rs.getBoolean("superuser"),
                        Instants.readRequired(rs, "created_at"),
                        Instants.read(rs, "revoked_at")))
                .list();
    }

    boolean revoke(long organizationId, long id, Instant at) {
        return jdbc.sql(REVOKE)
                        .param("id", id)
                        .param("organizationId", organizationId)
                        .param("revokedAt", Instants.toDb(at))
                        .update()
                > 0;
    }
}
