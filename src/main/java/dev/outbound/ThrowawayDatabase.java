package dev.outbound;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL database of its own for {@link AotTraining}, dropped when closed. The build may run
 * where no PostgreSQL answers: {@link #create} then says so by returning null, within seconds.
 */
record ThrowawayDatabase(String server, String user, String name) implements AutoCloseable {

    /** The new database, or null when the server does not answer or refuses to create one. */
    static @Nullable ThrowawayDatabase create(String server, String user) {
        var database = new ThrowawayDatabase(
                server, user, "outbound_aot_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)));
        try (Connection admin = database.admin();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database.name);
            return database;
        } catch (SQLException e) {
            return null;
        }
    }

    String url() {
        return server + name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = admin();
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private Connection admin() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "3");
        return DriverManager.getConnection(server + "postgres", properties);
    }
}
