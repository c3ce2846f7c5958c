package dev.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.ServiceNodes;
import dev.outbound.testing.Sipp;
import dev.outbound.testing.SippLog;
import dev.outbound.testing.TestStores;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
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
    private static final Path DIR = Path.of("target", "sip-node-kill-it").toAbsolutePath();

    private @Nullable ServiceNodes nodes;

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    @Timeout(300)
    void with_a_node_killed_while_its_calls_ring_and_talk_no_number_is_invited_twice_and_every_request_ends()
            throws Exception {
        assumeTrue(Sipp.installed(), "sipp (Debian sip-tester) is not installed; bin/lib-setup.sh installs it");
        var nodes = new ServiceNodes(DIR, TestStores.freshDatabase("SipNodeKillIT"));
        this.nodes = nodes;
        // -aa answers the OPTIONS keep-alive; -m counts those too, so SIPp is stopped by close().
        var fill = Map.of("ANSWER_MS", "1500", "TALK_MS", "8000");
        try (Sipp trunk = Sipp.serve("trunk-kill.xml", TRUNK, 100_000, fill, DIR, "-aa", "-timeout", "600s");
                Sipp agent = Sipp.serve("agent.xml", AGENT, 100_000, Map.of(), DIR, "-aa", "-timeout", "600s")) {
            nodes.start(port -> sipSettings(0));
            nodes.awaitHealthy(0); // the first node migrates the schema alone
            nodes.start(port -> sipSettings(1));
            nodes.awaitHealthy(1);

            Api api = Api.at(nodes.port(1));
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
            nodes.kill(0);
            var atKill = SippLog.parse(trunk.messages());
            Set<String> cutOff = new HashSet<>(ringing(atKill, SIP_PORTS[0]));
            cutOff.addAll(talking(atKill, SIP_PORTS[0]));

            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> nodes.notFinal() == 0);

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

            Map<String, String> outcomes = attemptOutcomes(nodes);
            assertThat(outcomes).as("each request attempted once").hasSize(numbers.size());
            // The killed node's cut-off calls: settled NO_OUTCOME by node 1, and (no retries) FAILED.
            Map<String, String> sidToOutcome = attemptsBySid(nodes);
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
            assertThat(nodes.log(1)).contains("Reconciled request");
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

    private static Map<String, String> sipSettings(int i) {
        return Map.of(
                "OUTBOUND_CHANNELS_VOICE",
                "sip",
                "OUTBOUND_SIP_TRUNK",
                "sip:127.0.0.1:" + TRUNK,
                "OUTBOUND_SIP_AGENT_URI",
                "sip:agent@127.0.0.1:" + AGENT,
                "OUTBOUND_SIP_LOCAL_PORT",
                Integer.toString(SIP_PORTS[i]),
                "OUTBOUND_SIP_RING_TIMEOUT",
                "10s",
                "OUTBOUND_SIP_KEEPALIVE",
                "5s");
    }

    private static List<String> batch(Api api, int b) {
        var numbers = new ArrayList<String>();
        for (int i = 0; i < PER_BATCH; i++) {
            // Last digit i: 7, 8 and 9 ring until cancelled, the others answer and talk.
            numbers.add(String.format("+14155551%d%d%d", b, i / 10, i % 10));
        }
        Fixtures.dialableBatch(
                api, Map.of("caller_id", "+14155550199", "retry_count", 0), numbers.toArray(String[]::new));
        return numbers;
    }

    /** Target → "request status/attempt channel status" of each request's one attempt. */
    private static Map<String, String> attemptOutcomes(ServiceNodes nodes) throws SQLException {
        return query(
                nodes,
                "SELECT r.target, r.status || '/' || a.channel_status FROM request r"
                        + " JOIN request_attempt a ON a.request_id = r.id");
    }

    /** Channel sid (the callee's Call-ID) → "request status/attempt channel status". */
    private static Map<String, String> attemptsBySid(ServiceNodes nodes) throws SQLException {
        return query(
                nodes,
                "SELECT a.channel_sid, r.status || '/' || a.channel_status FROM request r"
                        + " JOIN request_attempt a ON a.request_id = r.id WHERE a.channel_sid IS NOT NULL");
    }

    private static Map<String, String> query(ServiceNodes nodes, String sql) throws SQLException {
        var out = new HashMap<String, String>();
        try (var c = nodes.connect();
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
}
