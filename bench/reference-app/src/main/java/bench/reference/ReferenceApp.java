package bench.reference;

import java.time.Instant;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reference of bench/http.sh: what a bare Spring MVC app on the same machine does per second.
 * {@code GET /items/{id}} is a JSON GET with one trivial query (the counterpart of GET of a batch),
 * {@code /actuator/health} is actuator's own (with its database check), and the static files
 * are the service's own {@code src/main/resources/static} (bench/http.sh points
 * {@code spring.web.resources.static-locations} there), served by Spring's resource handler.
 */
@SpringBootApplication
public class ReferenceApp {
    public static void main(String[] args) {
        SpringApplication.run(ReferenceApp.class, args);
    }

    @RestController
    static class Items {
        private final JdbcClient jdbc;

        Items(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @GetMapping("/items/{id}")
        Item item(@PathVariable String id) {
            long n = jdbc.sql("SELECT 1").query(Long.class).single();
            return new Item(id, n, "ACTIVE", Map.of("total", 1000, "completed", 0), Instant.now());
        }
    }

    record Item(String id, long campaignId, String status, Map<String, Integer> counts, Instant updatedAt) {}
}
