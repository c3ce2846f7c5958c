package dev.outbound.store;

import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the dialect from the database actually connected, and provides the service clock. */
@Configuration(proxyBeanMethods = false)
class StoreConfig {

    @Bean
    Dialect dialect(DataSource dataSource) throws SQLException {
        try (var connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            return product.contains("postgres") ? new PostgresDialect() : new H2Dialect();
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
