package dev.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.TestStores;
import dev.outbound.testing.TwilioStandIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Never twice, never lost: three service processes (the packaged jar) on one PostgreSQL database
 * dial through the Twilio stand-in; one is killed with SIGKILL in the middle of the run. Every
 * request must be dialled exactly once and end in a final status. The killed node's claims are
 * settled by the others: those it never dialled are voided and dialled again, those it dialled
 * (whose callbacks now go nowhere) are looked up at the stand-in and recorded.
 */
class NodeKillIT {
    private static final int BATCHES = 4;
    private static final int PER_BATCH = 8;
    private static final Path JAR = Path.of("target", "outbound.jar");

    private final TwilioStandIn twilio = new TwilioStandIn(Instant::now).talkTime(Duration.ofSeconds(2));
    private final List<Process> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(Process::destroyForcibly);
        twilio.close();
    }

    @Test
    @Timeout(240)
    void with_one_of_three_nodes_killed_mid_run_every_request_is_dialled_once_and_ends() throws Exception {
        assertThat(JAR).as("the packaged service (mvn package)").exists();
        Map<String, String> db = TestStores.freshDatabase("NodeKillIT");
        twilio.runInRealTime();
        for (int i = 0; i < 3; i++) {
            start(i, db);
            if (i == 0) {
                awaitHealthy(0); // the first node migrates the schema alone
            }
        }
        awaitHealthy(1);
        awaitHealthy(2);

        Api api = Api.at(ports.get(1));
        List<String> numbers = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            numbers.addAll(batch(api, b));
        }

        // Kill a node once the run is well under way and it has calls of its own in flight.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> twilio.created().size() >= numbers.size() / 4 && placedBy(0) >= 2);
        nodes.get(0).destroyForcibly().waitFor();
        int placedByKilled = placedBy(0);

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> notFinal(db) == 0);

        assertThat(twilio.callsByNumber()).hasSize(numbers.size());
        numbers.forEach(n -> assertThat(twilio.calls(n)).as("calls to %s", n).isEqualTo(1));
        assertThat(statuses(db)).containsOnlyKeys("COMPLETED");
        // The killed node's calls ended after it died: the others settled them by asking Twilio.
        assertThat(placedByKilled).isGreaterThanOrEqualTo(2);
        assertThat(survivorsLog()).contains("Reconciled request");
    }

    /** Calls whose callbacks go to node {@code i}: the calls it placed. */
    private int placedBy(int i) {
        String mine = "http://127.0.0.1:" + ports.get(i) + "/";
        return (int) twilio.created().stream()
                .filter(c -> c.form().getOrDefault("StatusCallback", "").startsWith(mine))
                .count();
    }

    private static String survivorsLog() throws IOException {
        Path dir = Path.of("target", "node-kill-it");
        return Files.readString(dir.resolve("node-1.log")) + Files.readString(dir.resolve("node-2.log"));
    }

    private void start(int i, Map<String, String> db) throws IOException {
        int port = freePort();
        ports.add(port);
        Path log = Path.of("target", "node-kill-it", "node-" + i + ".log");
        Files.createDirectories(log.getParent());
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
        env.put("OUTBOUND_CHANNELS_VOICE", "twilio");
        env.put("OUTBOUND_TWILIO_ACCOUNT_SID", TwilioStandIn.ACCOUNT);
        env.put("OUTBOUND_TWILIO_AUTH_TOKEN", TwilioStandIn.TOKEN);
        env.put("OUTBOUND_TWILIO_API_BASE_URL", twilio.baseUrl());
        env.put("OUTBOUND_TWILIO_VOICE_URL", "https://agent.example/twiml");
        env.put("OUTBOUND_TWILIO_CPS", "20");
        env.put("OUTBOUND_TWILIO_TIMEOUT", "2s");
        env.put("OUTBOUND_PUBLIC_URL", "http://127.0.0.1:" + port);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        nodes.add(pb.start());
    }

    private void awaitHealthy(int i) {
        var http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(i) + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    assertThat(nodes.get(i).isAlive())
                            .as("node %d is running (see target/node-kill-it)", i)
                            .isTrue();
                    return http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }

    private static List<String> batch(Api api, int b) {
        var campaign = Fixtures.aMinimalCampaign();
        campaign.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        campaign.put("hourly_rate", 3600);
        campaign.put("caller_id", "+14155550199");
        var c = api.post("/api/v1/outbound/campaigns", campaign);
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        var body = Fixtures.aBatchFor(c.json().path("id").asLong());
        var r = api.post("/api/v1/outbound/batches", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var csv = new StringBuilder("reference_id,target\n");
        var numbers = new ArrayList<String>();
        for (int i = 0; i < PER_BATCH; i++) {
            // Last digits 0-6: a person answers, so every request completes on its first attempt.
            String number = String.format("+1415555%d%02d%d", b, i / 7, i % 7);
            numbers.add(number);
            csv.append("r").append(i).append(',').append(number).append('\n');
        }
        // A dispatcher on another node may hold the new batch's row for a moment: 409, try again.
        String path = "/api/v1/outbound/batches/" + body.get("batch_id") + "/upload_batch";
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    var upload = api.upload(path, "l.csv", csv.toString());
                    assertThat(upload.status()).as(upload.body()).isIn(200, 409);
                    return upload.status() == 200;
                });
        return numbers;
    }

    private static long notFinal(Map<String, String> db) throws SQLException {
        try (var c = connect(db);
                var s = c.createStatement();
                var rs = s.executeQuery(
                        "SELECT COUNT(*) FROM request WHERE status IN ('PENDING', 'INITIATED', 'CONNECTED')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> statuses(Map<String, String> db) throws SQLException {
        var out = new HashMap<String, Long>();
        try (var c = connect(db);
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT status, COUNT(*) FROM request GROUP BY status")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static java.sql.Connection connect(Map<String, String> db) throws SQLException {
        return DriverManager.getConnection(
                db.get("spring.datasource.url"),
                db.get("spring.datasource.username"),
                db.get("spring.datasource.password"));
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
