package dev.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

/**
 * The training run of JDK 25's ahead-of-time cache (JEP 483, 514, 515), started by the build
 * ({@code pom.xml}, profile "aot-cache") under {@code -XX:AOTCacheOutput}. It starts the service on
 * an embedded store in a temporary directory, sends what users send first after a deploy (health,
 * a campaign, a batch and its upload, GET of the batch a few thousand times, its results, the
 * OpenAPI document, the console's sign-in page) and stops. The JVM then writes the classes those
 * requests loaded and linked, and the method profiles they recorded, into the cache that
 * {@code bin/run} starts with: the first requests after a start then run on code that is already
 * loaded and soon compiled, instead of on the interpreter.
 *
 * <p>Spring's own context exit ({@code -Dspring.context.exit=onRefresh}) would record start-up
 * only; serving requests is what records the profiles of the request path.
 */
public final class AotTraining {
    /** Requests of each kind that record the method profiles of the hot paths. */
    private static final int ROUNDS = Integer.getInteger("outbound.aot.training.rounds", 2000);

    private AotTraining() {}

    /** The PostgreSQL server (URL without database) and user of the throwaway training database. */
    private static final String POSTGRES =
            System.getProperty("outbound.aot.training.postgres", "jdbc:postgresql://127.0.0.1:5432/");

    private static final Logger log = LoggerFactory.getLogger(AotTraining.class);

    private static final String POSTGRES_USER = System.getProperty("outbound.aot.training.postgres-user", "postgres");

    public static void main(String[] args) throws Exception {
        int exit;
        // PostgreSQL first when it answers (its driver's classes and the request path on it),
        // then H2 (the embedded store's classes), so the cache serves either store.
        try (var postgres = ThrowawayDatabase.create(POSTGRES, POSTGRES_USER)) {
            if (postgres == null) {
                log.info("AotTraining: no PostgreSQL at {}: training on H2 only", POSTGRES);
                exit = train(Map.of(), ROUNDS);
            } else {
                log.info("AotTraining: training on PostgreSQL database {}, then H2", postgres.url());
                exit = train(
                        Map.of("spring.datasource.url", postgres.url(), "spring.datasource.username", POSTGRES_USER),
                        ROUNDS);
                exit = Math.max(exit, train(Map.of(), ROUNDS / 4));
            }
        }
        System.exit(exit);
    }

    /** Runs the service on the store the properties name (none: H2 in a temporary directory). */
    private static int train(Map<String, String> store, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("outbound-aot-training");
        String key = "aot-training-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        var app = new SpringApplication(OutboundApplication.class);
        // Under -Dspring.aot.enabled=true Spring looks for the build-time bean definitions next to
        // the main class, which would otherwise be this one.
        app.setMainApplicationClass(OutboundApplication.class);
        var defaults = new HashMap<String, Object>(store);
        defaults.put("outbound.h2-path", dir.toString());
        app.setDefaultProperties(defaults);
        // The build's environment is not the service's: a SPRING_DATASOURCE_URL or
        // OUTBOUND_MANAGEMENT_PORT exported in the shell that runs mvn must not send the training
        // run to a real database or move its health endpoint, so only application.yml's defaults
        // and the properties here count.
        var environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        app.setEnvironment(environment);
        // Nothing leaves the process: no dispatching, no deliveries, no demo; no rate limit on the
        // thousands of training requests.
        String[] properties = {
            "--server.port=0",
            "--outbound.bootstrap-api-key=" + key,
            "--outbound.dispatch.enabled=false",
            "--outbound.webhooks.enabled=false",
            "--outbound.demo=false",
            "--outbound.api.rate-limit=0",
            "--outbound.api.organization-rate-limit=0",
        };
        try (ConfigurableApplicationContext context = app.run(properties)) {
            var server = Objects.requireNonNull(((WebServerApplicationContext) context).getWebServer());
            int port = server.getPort();
            new Trainer(URI.create("http://127.0.0.1:" + port), key).run(rounds);
            return SpringApplication.exit(context);
        } finally {
            deleteTree(dir);
        }
    }

    /** The requests, over one HTTP/1.1 client like a caller's keep-alive connection. */
    private record Trainer(URI base, String key, HttpClient http) {
        Trainer(URI base, String key) {
            this(
                    base,
                    key,
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }

        void run(int rounds) throws IOException, InterruptedException {
            String campaign = send("POST", "/api/v1/outbound/campaigns", json(example("campaign.json")));
            String campaignId = campaign.replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1");
            send(
                    "POST",
                    "/api/v1/outbound/batches",
                    json("{\"batch_id\":\"training\",\"campaign_id\":" + campaignId + "}"));
            upload("/api/v1/outbound/batches/training/upload_batch", example("calllist.csv"));
            for (int i = 0; i < rounds; i++) {
                send("GET", "/api/v1/outbound/batches/training", BodyPublishers.noBody());
                send("GET", "/actuator/health", BodyPublishers.noBody());
                if (i % 100 == 0) {
                    send("GET", "/api/v1/outbound/batches/training/results", BodyPublishers.noBody());
                    send("GET", "/api/v1/outbound/campaigns/" + campaignId, BodyPublishers.noBody());
                    send("GET", "/api/v1/outbound/batches", BodyPublishers.noBody());
                    send("GET", "/readyz", BodyPublishers.noBody());
                }
            }
            send("GET", "/openapi.json", BodyPublishers.noBody());
            send("GET", "/console/sign-in", BodyPublishers.noBody());
        }

        private void upload(String path, byte[] csv) throws IOException, InterruptedException {
            String boundary = "aot-training-boundary";
            byte[] head = ("--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"calllist.csv\""
                            + "\r\nContent-Type: text/csv\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            var body = BodyPublishers.concat(
                    BodyPublishers.ofByteArray(head),
                    BodyPublishers.ofByteArray(csv),
                    BodyPublishers.ofByteArray(tail));
            send("POST", path, body, "multipart/form-data; boundary=" + boundary);
        }

        private String send(String method, String path, BodyPublisher body) throws IOException, InterruptedException {
            return send(method, path, body, "application/json");
        }

        private String send(String method, String path, BodyPublisher body, String contentType)
                throws IOException, InterruptedException {
            var request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Syllable-API-Key", key)
                    .header("Content-Type", contentType)
                    .method(method, body)
                    .build();
            var response = http.send(request, BodyHandlers.ofString());
            // A failing request would train the error path instead: stop the build loudly.
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }

        private static BodyPublisher json(byte[] body) {
            return BodyPublishers.ofByteArray(body);
        }

        private static BodyPublisher json(String body) {
            return BodyPublishers.ofString(body);
        }

        /** The README's first campaign and call list, packaged under examples/ (pom.xml). */
        private static byte[] example(String name) throws IOException {
            try (InputStream in = AotTraining.class.getResourceAsStream("/examples/" + name)) {
                if (in == null) {
                    throw new IOException("examples/" + name + " is not on the class path");
                }
                return in.readAllBytes();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
