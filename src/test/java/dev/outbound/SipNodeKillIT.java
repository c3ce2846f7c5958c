package dev.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.Sipp;
import dev.outbound.testing.SippLog;
import dev.outbound.testing.TestStores;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Never twice through a SIP trunk (issue 18): two service processes (the packaged jar) on one
 * PostgreSQL database dial through SIPp playing the trunk (numbers ending 7-9 ring until cancelled,
 * the others answer after a moment and talk) and a second SIPp playing the agent. Node 0 is
 * SIGKILLed while it has a call ringing and a call talking. Its dialogs die with it: node 1 settles
 * its attempts through the reconciler, NO_OUTCOME, and the retry rules decide (none here, so they
 * fail). Every number is INVITEd at most once, counted in the trunk's own message log as distinct
 * Call-IDs of the INVITEs it received for the number.
 */
class SipNodeKillIT {
    private static final int BATCHES = 2;
    private static final int PER_BATCH = 10;
    private static final int TRUNK = 16063;
    private static final int AGENT = 16064;
    private static final int[] SIP_PORTS = {16065, 16066};
    private static final Path JAR = Path.of("target", "outbound.jar");
    private static final Path DIR = Path.of("target", "sip-node-kill-it").toAbsolutePath();

    private final List<Process> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(Process::destroyForcibly);
    }

    @Test
    @Timeout(300)
    void with_a_node_killed_while_its_calls_ring_and_talk_no_number_is_invited_twice_and_every_request_ends()
            throws Exception {
        assumeTrue(Sipp.installed(), "sipp (Debian sip-tester) is not installed; bin/lib-setup.sh installs it");
        assertThat(JAR).as("the packaged service (mvn package)").exists();
        Files.createDirectories(DIR);
        Map<String, String> db = TestStores.freshDatabase("SipNodeKillIT");
        // -aa answers the OPTIONS keep-alive; -m counts those too, so SIPp is stopped by close().
        var fill = Map.of("ANSWER_MS", "1500", "TALK_MS", "8000");
        try (Sipp trunk = Sipp.serve("trunk-kill.xml", TRUNK, 100_000, fill, DIR, "-aa", "-timeout", "600s");
                Sipp agent = Sipp.serve("agent.xml", AGENT, 100_000, Map.of(), DIR, "-aa", "-timeout", "600s")) {
            start(0, db);
            awaitHealthy(0); // the first node migrates the schema alone
            start(1, db);
            awaitHealthy(1);

            Api api = Api.at(ports.get(1));
            List<String> numbers = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                numbers.addAll(batch(api, b));
            }

            // Kill node 0 while one of its calls rings and another talks (answered, joined, no BYE yet).
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        var log = SippLog.parse(trunk.messages());
                        return !ringing(log, SIP_PORTS[0]).isEmpty()
                                && !talking(log, SIP_PORTS[0]).isEmpty();
                    });
            nodes.get(0).destroyForcibly().waitFor();
            var atKill = SippLog.parse(trunk.messages());
            Set<String> cutOff = new HashSet<>(ringing(atKill, SIP_PORTS[0]));
            cutOff.addAll(talking(atKill, SIP_PORTS[0]));

            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> notFinal(db) == 0);

            var log = SippLog.parse(trunk.messages());
            Map<String, Set<String>> callIdsByNumber = log.stream()
                    .filter(m -> m.received() && m.isRequest("INVITE"))
                    .collect(Collectors.groupingBy(
                            SippLog.Message::requestUser,
                            Collectors.mapping(SippLog.Message::callId, Collectors.toSet())));
            assertThat(numbers)
                    .allSatisfy(n -> assertThat(callIdsByNumber.getOrDefault(n, Set.of()))
                            .as("distinct INVITEs the trunk received for %s", n)
                            .hasSizeLessThanOrEqualTo(1));
            assertThat(callIdsByNumber.keySet()).isSubsetOf(numbers);

            Map<String, String> outcomes = attemptOutcomes(db);
            assertThat(outcomes).as("each request attempted once").hasSize(numbers.size());
            // The killed node's cut-off calls: settled NO_OUTCOME by node 1, and (no retries) FAILED.
            Map<String, String> sidToOutcome = attemptsBySid(db);
            assertThat(cutOff)
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(callId -> assertThat(sidToOutcome.get(callId))
                            .as("the attempt of call %s", callId)
                            .isEqualTo("FAILED/NO_OUTCOME"));
            // Node 1's own calls ran to their end: answered ones COMPLETED at the trunk's BYE,
            // ringing ones cancelled at the ring timeout.
            assertThat(outcomes.values())
                    .containsOnly("COMPLETED/COMPLETED", "FAILED/NO-ANSWER", "FAILED/NO_OUTCOME")
                    .contains("COMPLETED/COMPLETED", "FAILED/NO-ANSWER");
            assertThat(Files.readString(DIR.resolve("node-1.log"))).contains("Reconciled request");
        }
    }

    /** Call-IDs of calls from the node at {@code port} to a ringing number, not cancelled. */
    private static Set<String> ringing(List<SippLog.Message> log, int port) {
        Set<String> cancelled = callIds(log, m -> m.received() && m.isRequest("CANCEL"));
        Set<String> out = callIds(
                log,
                m -> m.received()
                        && m.isRequest("INVITE")
                        && m.requestUser().matches(".*[789]")
                        && m.header("Via").orElse("").contains(":" + port));
        out.removeAll(cancelled);
        return out;
    }

    /** Call-IDs of calls from the node at {@code port} answered and ACKed, not yet hung up. */
    private static Set<String> talking(List<SippLog.Message> log, int port) {
        Set<String> fromNode = callIds(
                log,
                m -> m.received()
                        && m.isRequest("INVITE")
                        && m.header("Via").orElse("").contains(":" + port));
        Set<String> acked = callIds(log, m -> m.received() && m.isRequest("ACK"));
        Set<String> hungUp = callIds(log, m -> m.isRequest("BYE"));
        Set<String> out = new HashSet<>(fromNode);
        out.retainAll(acked);
        out.removeAll(hungUp);
        return out;
    }

    private static Set<String> callIds(List<SippLog.Message> log, java.util.function.Predicate<SippLog.Message> p) {
        return log.stream().filter(p).map(SippLog.Message::callId).collect(Collectors.toCollection(HashSet::new));
    }

    private void start(int i, Map<String, String> db) throws IOException {
        int port = freePort();
        ports.add(port);
        Path log = DIR.resolve("node-" + i + ".log");
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
        env.put("OUTBOUND_CHANNELS_VOICE", "sip");
        env.put("OUTBOUND_SIP_TRUNK", "sip:127.0.0.1:" + TRUNK);
        env.put("OUTBOUND_SIP_AGENT_URI", "sip:agent@127.0.0.1:" + AGENT);
        env.put("OUTBOUND_SIP_LOCAL_PORT", Integer.toString(SIP_PORTS[i]));
        env.put("OUTBOUND_SIP_RING_TIMEOUT", "10s");
        env.put("OUTBOUND_SIP_KEEPALIVE", "5s");
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
                            .as("node %d is running (see %s)", i, DIR)
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
        campaign.put("retry_count", 0);
        var c = api.post("/api/v1/outbound/campaigns", campaign);
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        var body = Fixtures.aBatchFor(c.json().path("id").asLong());
        var r = api.post("/api/v1/outbound/batches", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var csv = new StringBuilder("reference_id,target\n");
        var numbers = new ArrayList<String>();
        for (int i = 0; i < PER_BATCH; i++) {
            // Last digit i: 7, 8 and 9 ring until cancelled, the others answer and talk.
            String number = String.format("+14155551%d%d%d", b, i / 10, i % 10);
            numbers.add(number);
            csv.append("r").append(i).append(',').append(number).append('\n');
        }
        // The dispatcher of a node may hold the new batch's row for a moment: 409, try again.
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

    /** Target → "request status/attempt channel status" of each request's one attempt. */
    private static Map<String, String> attemptOutcomes(Map<String, String> db) throws SQLException {
        return query(
                db,
                "SELECT r.target, r.status || '/' || a.channel_status FROM request r"
                        + " JOIN request_attempt a ON a.request_id = r.id");
    }

    /** Channel sid (the callee's Call-ID) → "request status/attempt channel status". */
    private static Map<String, String> attemptsBySid(Map<String, String> db) throws SQLException {
        return query(
                db,
                "SELECT a.channel_sid, r.status || '/' || a.channel_status FROM request r"
                        + " JOIN request_attempt a ON a.request_id = r.id WHERE a.channel_sid IS NOT NULL");
    }

    private static Map<String, String> query(Map<String, String> db, String sql) throws SQLException {
        var out = new HashMap<String, String>();
        try (var c = connect(db);
                var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String previous = out.put(rs.getString(1), rs.getString(2));
                assertThat(previous)
                        .as("a second attempt row for %s", rs.getString(1))
                        .isNull();
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
