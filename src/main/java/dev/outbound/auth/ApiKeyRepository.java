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
            INSERT INTO api_key (organization_id, key_hash, key_prefix, user_email, superuser, role, created_at)
            VALUES (:organizationId, :keyHash, :keyPrefix, :userEmail, :superuser, :role, :createdAt)
            """;
    private static final String FIND_ACTIVE = """
            SELECT id, organization_id, user_email, superuser, role FROM api_key
            WHERE key_hash = :keyHash AND revoked_at IS NULL
            """;
    private static final String FIND_ACTIVE_BY_ID = """
            SELECT id, organization_id, user_email, superuser, role FROM api_key
            WHERE id = :id AND organization_id = :organizationId AND revoked_at IS NULL
            """;
    private static final String EXISTS_HASH = """
            SELECT COUNT(*) FROM api_key WHERE key_hash = :keyHash
            """;
    private static final String COUNT_ALL = """
            SELECT COUNT(*) FROM api_key
            """;
    private static final String COUNT_ACTIVE = """
            SELECT COUNT(*) FROM api_key WHERE organization_id = :organizationId AND revoked_at IS NULL
            """;
    private static final String LIST = """
            SELECT id, key_prefix, user_email, superuser, role, created_at, revoked_at FROM api_key
            WHERE organization_id = :organizationId ORDER BY id
            """;
    private static final String RELABEL = """
            UPDATE api_key SET key_prefix = :keyPrefix WHERE key_hash = :keyHash AND key_prefix <> :keyPrefix
            """;
    private static final String REVOKE = """
            UPDATE api_key SET revoked_at = :revokedAt
            WHERE id = :id AND organization_id = :organizationId AND revoked_at IS NULL
            """;

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(NewKey key, Instant createdAt) {
        return Inserts.returningKey(
                jdbc.sql(INSERT)
                        .param("organizationId", key.organizationId())
                        .param("keyHash", ApiKeys.hash(key.key()))
                        .param("keyPrefix", key.prefix())
                        .param("userEmail", key.userEmail())
                        .param("superuser", key.superuser())
                        .param("role", key.role().wire())
                        .param("createdAt", Instants.toDb(createdAt)),
                "id");
    }

    Optional<Caller> findActive(String key) {
        return findActiveByHash(ApiKeys.hash(key));
    }

    /** The active key whose hash ({@link ApiKeys#hash}) is {@code keyHash}. */
    Optional<Caller> findActiveByHash(String keyHash) {
        return jdbc.sql(FIND_ACTIVE)
                .param("keyHash", keyHash)
                .query((rs, n) -> caller(rs))
                .optional();
    }

    /** The active key {@code id} of the organization, as the caller it stands for. */
    Optional<Caller> findActive(long organizationId, long id) {
        return jdbc.sql(FIND_ACTIVE_BY_ID)
                .param("id", id)
                .param("organizationId", organizationId)
                .query((rs, n) -> caller(rs))
                .optional();
    }

    private static Caller caller(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Caller(
                rs.getLong("organization_id"),
                rs.getString("user_email"),
                rs.getBoolean("superuser"),
                rs.getLong("id"),
                KeyRole.fromColumn(rs.getString("role")));
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

    long countActive(long organizationId) {
        return jdbc.sql(COUNT_ACTIVE)
                .param("organizationId", organizationId)
                .query(Long.class)
                .single();
    }

    List<ApiKeyView> list(long organizationId) {
        return jdbc.sql(LIST)
                .param("organizationId", organizationId)
                .query((rs, n) -> new ApiKeyView(
                        rs.getLong("id"),
                        rs.getString("key_prefix"),
                        rs.getString("user_email"),
                        rs.getBoolean("superuser"),
                        KeyRole.fromColumn(rs.getString("role")),
                        Instants.readRequired(rs, "created_at"),
                        Instants.read(rs, "revoked_at")))
                .list();
    }

    /** Replaces the listed prefix of a stored key. */
    void relabel(String key, String prefix) {
        jdbc.sql(RELABEL)
                .param("keyHash", ApiKeys.hash(key))
                .param("keyPrefix", prefix)
                .update();
    }

    boolean revoke(long organizationId, long id, Instant at) {
        return jdbc.sql(REVOKE)
                        .param("id", id)
                        .param("organizationId", organizationId)
                        .param("revokedAt", Instants.toDb(at))
                        .update()
                > 0;
    }

    /** A key to store: its clear text is hashed here and never kept. */
    record NewKey(long organizationId, String key, String prefix, String userEmail, boolean superuser, KeyRole role) {}
}
