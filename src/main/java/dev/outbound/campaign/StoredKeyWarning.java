package dev.outbound.campaign;

import dev.outbound.OutboundProperties;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Without {@code OUTBOUND_SECRET_KEY} the key of the webhook secrets is kept in the same database
 * as their ciphertexts, so a copy of that database (a backup, a replica, a dump) opens them. That
 * is the right default for the zero-setup H2 run; on PostgreSQL, a shared server that is backed up,
 * the service says so at every start.
 */
@Component
class StoredKeyWarning {
    private static final Logger log = LoggerFactory.getLogger(StoredKeyWarning.class);

    private final OutboundProperties properties;
    private final DataSource dataSource;

    StoredKeyWarning(OutboundProperties properties, DataSource dataSource) {
        this.properties = properties;
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationStartedEvent.class)
    void atStart() {
        check();
    }

    /** Logs the warning when it applies; answers whether it did. */
    boolean check() {
        if (!properties.secretKey().isBlank() || !postgres()) {
            return false;
        }
        log.warn("OUTBOUND_SECRET_KEY is not set: the key that encrypts webhook secrets is stored in the same"
                + " PostgreSQL database as the secrets (table instance_secret), so anyone with a copy of the"
                + " database can read them. Set OUTBOUND_SECRET_KEY (Base64 of 32 random bytes) after moving the"
                + " stored secrets to it with --rotate-secret-key; see the README, Webhook secrets.");
        return true;
    }

    private boolean postgres() {
        try (var c = dataSource.getConnection()) {
            return c.getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres");
        } catch (SQLException e) {
            return false; // the store is down: the start fails elsewhere, with a better message
        }
    }
}
