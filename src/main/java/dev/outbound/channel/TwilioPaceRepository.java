package dev.outbound.channel;

import dev.outbound.store.Instants;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code twilio_pace} table. */
@Repository
class TwilioPaceRepository {
    private static final String CREATE = """
            INSERT INTO twilio_pace (account_sid, next_at)
            SELECT :account, :now WHERE NOT EXISTS (SELECT 1 FROM twilio_pace WHERE account_sid = :account)
            """;
    private static final String TAKE = """
            UPDATE twilio_pace SET next_at = :next WHERE account_sid = :account AND next_at <= :now
            """;
    private static final String HOLD = """
            UPDATE twilio_pace SET next_at = :until WHERE account_sid = :account AND next_at < :until
            """;

    private final JdbcClient jdbc;

    TwilioPaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(String account, Instant now) {
        try {
            jdbc.sql(CREATE)
                    .param("account", account)
                    .param("now", Instants.toDb(now))
                    .update();
        } catch (DuplicateKeyException raced) {
            // another node created it at the same moment
        }
    }

    boolean take(String account, Instant now, Instant next) {
        return jdbc.sql(TAKE)
                        .param("account", account)
                        .param("now", Instants.toDb(now))
                        .param("next", Instants.toDb(next))
                        .update()
                == 1;
    }

    void holdUntil(String account, Instant until) {
        jdbc.sql(HOLD)
                .param("account", account)
                .param("until", Instants.toDb(until))
                .update();
    }
}
