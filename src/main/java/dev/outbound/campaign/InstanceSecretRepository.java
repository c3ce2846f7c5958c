package dev.outbound.campaign;

import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code instance_secret} table: key material shared by every node of this installation. */
@Repository
class InstanceSecretRepository {
    private static final String FIND = """
            SELECT secret_value FROM instance_secret WHERE name = :name
            """;
    private static final String INSERT = """
            INSERT INTO instance_secret (name, secret_value, created_at) VALUES (:name, :value, :createdAt)
            """;

    private final JdbcClient jdbc;

    InstanceSecretRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(String name) {
        return jdbc.sql(FIND).param("name", name).query(String.class).optional();
    }

    /** Fails with a DuplicateKeyException when another node stored one first. */
    void insert(String name, String value, Instant createdAt) {
        jdbc.sql(INSERT)
                .param("name", name)
                .param("value", value)
                .param("createdAt", Instants.toDb(createdAt))
                .update();
    }
}
