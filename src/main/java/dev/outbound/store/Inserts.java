package dev.outbound.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Runs an INSERT and answers the generated key of its identity column. */
public final class Inserts {
    private Inserts() {}

    public static long returningKey(JdbcClient.StatementSpec insert, String column) {
        var keys = new GeneratedKeyHolder();
        insert.update(keys, column);
        Number key = keys.getKey();
        if (key == null) {
            throw new IllegalStateException("INSERT returned no " + column);
        }
        return key.longValue();
    }
}
