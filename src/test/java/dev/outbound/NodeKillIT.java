package dev.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.ServiceNodes;
import dev.outbound.testing.TestStores;
import dev.outbound.testing.TwilioStandIn;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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

    private final TwilioStandIn twilio = new TwilioStandIn(Instant::now).talkTime(Duration.ofSeconds(2));
    private @Nullable ServiceNodes nodes;

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
        twilio.close();
    }

    @Test
    @Timeout(240)
    void with_one_of_three_nodes_killed_mid_run_every_request_is_dialled_once_and_ends() throws Exception {
        var nodes = new ServiceNodes(Path.of("target", "node-kill-it"), TestStores.freshDatabase("NodeKillIT"));
        this.nodes = nodes;
        twilio.runInRealTime();
        for (int i = 0; i < 3; i++) {
            nodes.start(port -> Map.of(
                    "OUTBOUND_CHANNELS_VOICE",
                    "twilio",
                    "OUTBOUND_TWILIO_ACCOUNT_SID",
                    TwilioStandIn.ACCOUNT,
                    "OUTBOUND_TWILIO_AUTH_TOKEN",
                    TwilioStandIn.TOKEN,
                    "OUTBOUND_TWILIO_API_BASE_URL",
                    twilio.baseUrl(),
                    "OUTBOUND_TWILIO_VOICE_URL",
                    "https://agent.example/twiml",
                    "OUTBOUND_TWILIO_CPS",
                    "20",
                    "OUTBOUND_TWILIO_TIMEOUT",
                    "2s",
                    "OUTBOUND_PUBLIC_URL",
                    "http://127.0.0.1:" + port));
            if (i == 0) {
                nodes.awaitHealthy(0); // the first node migrates the schema alone
            }
        }
        nodes.awaitHealthy(1);
        nodes.awaitHealthy(2);

        Api api = Api.at(nodes.port(1));
        List<String> numbers = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            numbers.addAll(batch(api, b));
        }

        // Kill a node once the run is well under way and it has calls of its own in flight.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> twilio.created().size() >= numbers.size() / 4 && placedBy(0) >= 2);
        nodes.kill(0);
        int placedByKilled = placedBy(0);

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> nodes.notFinal() == 0);

        assertThat(twilio.callsByNumber()).hasSize(numbers.size());
        numbers.forEach(n -> assertThat(twilio.calls(n)).as("calls to %s", n).isEqualTo(1));
        assertThat(statuses(nodes)).containsOnlyKeys("COMPLETED");
        // The killed node's calls ended after it died: the others settled them by asking Twilio.
        assertThat(placedByKilled).isGreaterThanOrEqualTo(2);
        assertThat(nodes.log(1) + nodes.log(2)).contains("Reconciled request");
    }

    /** Calls whose callbacks go to node {@code i}: the calls it placed. */
    private int placedBy(int i) {
        String mine =
                "http://127.0.0.1:" + java.util.Objects.requireNonNull(nodes).port(i) + "/";
        return (int) twilio.created().stream()
                .filter(c -> c.form().getOrDefault("StatusCallback", "").startsWith(mine))
                .count();
    }

    private static List<String> batch(Api api, int b) {
        var numbers = new ArrayList<String>();
        for (int i = 0; i < PER_BATCH; i++) {
            // Last digits 0-6: a person answers, so every request completes on its first attempt.
            numbers.add(String.format("+1415555%d%02d%d", b, i / 7, i % 7));
        }
        Fixtures.dialableBatch(api, Map.of("caller_id", "+14155550199"), numbers.toArray(String[]::new));
        return numbers;
    }

    private static Map<String, Long> statuses(ServiceNodes nodes) throws SQLException {
        var out = new HashMap<String, Long>();
        try (var c = nodes.connect();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT status, COUNT(*) FROM request GROUP BY status")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
