package dev.outbound.testing;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Creates the fresh databases tests run against. */
public final class TestStores {
    public static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private TestStores() {}

    /** Test databases are dropped when the test JVM ends, so runs leave nothing behind. */
    private static void dropAtExit(String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
                    var s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                // best effort: the server may already be gone
            }
        }));
    }

    public static String store() {
        return System.getProperty("outbound.test.store", "postgres");
    }

    public static boolean postgres() {
        return store().equals("postgres");
    }

    /** A new, empty database for {@code owner}; answers the datasource properties. */
    public static Map<String, String> freshDatabase(String owner) {
        String clean = owner.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        String name = "t_" + clean.substring(0, Math.min(40, clean.length())) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        if (postgres()) {
            try (var c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
                    var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
                dropAtExit(name);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed for store tests", e);
            }
            return Map.of(
                    "spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/" + name,
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "");
        }
        Path dir = Path.of("target", "h2").toAbsolutePath();
        return Map.of(
                "spring.datasource.url",
                "jdbc:h2:file:" + dir.resolve(name)
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=30000",
                "spring.datasource.username",
                "sa",
                "spring.datasource.password",
                "");
    }
}
