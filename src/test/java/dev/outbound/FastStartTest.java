package dev.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the fast start (README) relies on besides the build: its training database and Spring AOT's limit. */
class FastStartTest {
    private static final String SPRING_AOT = "spring.aot.enabled";
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    @AfterEach
    void clearSpringAot() {
        System.clearProperty(SPRING_AOT);
    }

    @Test
    void a_start_with_a_separate_management_port_runs_without_spring_aot() {
        System.setProperty(SPRING_AOT, "true");

        OutboundApplication.keepSpringAotOnlyWhereItFits(new String[0], Map.of("OUTBOUND_MANAGEMENT_PORT", "9090"));

        assertThat(System.getProperty(SPRING_AOT)).isNull();
    }

    @Test
    void a_management_port_given_as_an_argument_also_turns_spring_aot_off() {
        System.setProperty(SPRING_AOT, "true");

        OutboundApplication.keepSpringAotOnlyWhereItFits(new String[] {"--management.server.port=9090"}, Map.of());

        assertThat(System.getProperty(SPRING_AOT)).isNull();
    }

    @Test
    void a_start_on_the_service_port_alone_keeps_spring_aot() {
        System.setProperty(SPRING_AOT, "true");

        OutboundApplication.keepSpringAotOnlyWhereItFits(
                new String[] {"--management.server.port="}, Map.of("OUTBOUND_MANAGEMENT_PORT", ""));

        assertThat(System.getProperty(SPRING_AOT)).isEqualTo("true");
    }

    @Test
    void the_training_database_exists_while_open_and_is_dropped_when_closed() throws SQLException {
        String name;
        try (var database = Objects.requireNonNull(ThrowawayDatabase.create(POSTGRES, "postgres"))) {
            name = database.name();
            assertThat(databaseExists(name)).isTrue();
            try (var connection = DriverManager.getConnection(database.url(), "postgres", "")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
        assertThat(databaseExists(name)).isFalse();
    }

    @Test
    void no_training_database_where_no_postgresql_answers() {
        // Port 1 on the loopback refuses at once: the build then trains on H2 alone.
        assertThat(ThrowawayDatabase.create("jdbc:postgresql://127.0.0.1:1/", "postgres"))
                .isNull();
    }

    private static boolean databaseExists(String name) throws SQLException {
        try (var connection = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                var statement = connection.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }
}
