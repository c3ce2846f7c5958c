package dev.outbound.auth;

import dev.outbound.store.Inserts;
import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code organization} table. */
@Repository
class OrganizationRepository {
    private static final String INSERT = """
            INSERT INTO organization (name, created_at) VALUES (:name, :createdAt)
            """;
    private static final String FIND_BY_NAME = """
            SELECT id FROM organization WHERE name = :name
            """;
    private static final String LOCK = """
            SELECT id FROM organization WHERE id = :id FOR UPDATE
            """;

    private final JdbcClient jdbc;

    OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, Instant createdAt) {
        return Inserts.returningKey(
                jdbc.sql(INSERT).param("name", name).param("createdAt", Instants.toDb(createdAt)), "id");
    }

    Optional<Long> findByName(String name) {
        return jdbc.sql(FIND_BY_NAME).param("name", name).query(Long.class).optional();
    }

    /** Holds the organization's row until the transaction ends, so starting nodes take turns. */
    void lock(long id) {
        jdbc.sql(LOCK).param("id", id).query(Long.class).single();
    }
}
