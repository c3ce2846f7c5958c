package dev.outbound.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Service processes (the packaged jar) on one database, for the kill tests: each started with what
 * every node shares (the database, the bootstrap key, a short lease so a dead node's claims are
 * settled within the test) plus the test's own settings, its log kept in {@code dir}.
 */
public final class ServiceNodes implements AutoCloseable {
    public static final Path JAR = Path.of("target", "outbound.jar");

    private final Path dir;
    private final Map<String, String> db;
    private final List<Process> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    public ServiceNodes(Path dir, Map<String, String> db) {
        assertThat(JAR).as("the packaged service (mvn package)").exists();
        this.dir = dir;
        this.db = db;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts node n (numbered from 0) with {@code settings} of its HTTP port on top; answers n. */
    public int start(IntFunction<Map<String, String>> settings) throws IOException {
        int i = nodes.size();
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString());
        Map<String, String> env = pb.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SPRING_DATASOURCE_URL", db.get("spring.datasource.url"));
        env.put("SPRING_DATASOURCE_USERNAME", db.get("spring.datasource.username"));
        env.put("SPRING_DATASOURCE_PASSWORD", db.get("spring.datasource.password"));
        env.put("OUTBOUND_BOOTSTRAP_API_KEY", Api.SUPERUSER_KEY);
        env.put("OUTBOUND_BOOTSTRAP_USER_EMAIL", Api.SUPERUSER_EMAIL);
        env.put("OUTBOUND_NODE_ID", "node-" + i);
        env.put("OUTBOUND_DB_POOL_SIZE", "6");
        env.put("OUTBOUND_DISPATCH_LEASE", "3s");
        env.put("OUTBOUND_RECONCILE_AFTER", "6s");
        env.putAll(settings.apply(port));
        pb.redirectErrorStream(true)
                .redirectOutput(dir.resolve("node-" + i + ".log").toFile());
        nodes.add(pb.start());
        ports.add(port);
        return i;
    }

    public int port(int i) {
        return ports.get(i);
    }

    public void awaitHealthy(int i) {
        var http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(i) + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    assertThat(nodes.get(i).isAlive())
                            .as("node %d is running (see %s)", i, dir)
                            .isTrue();
                    return http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }

    /** SIGKILL: the node gets no chance to hand anything over. */
    public void kill(int i) throws InterruptedException {
        nodes.get(i).destroyForcibly().waitFor();
    }

    public String log(int i) throws IOException {
        return Files.readString(dir.resolve("node-" + i + ".log"));
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(
                db.get("spring.datasource.url"),
                db.get("spring.datasource.username"),
                db.get("spring.datasource.password"));
    }

    /** Requests not yet in a final status. */
    public long notFinal() throws SQLException {
        try (var c = connect();
                var s = c.createStatement();
                var rs = s.executeQuery(
                        "SELECT COUNT(*) FROM request WHERE status IN ('PENDING', 'INITIATED', 'CONNECTED')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        nodes.forEach(Process::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
