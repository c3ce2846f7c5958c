package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outbound.channel.Channels;
import dev.outbound.channel.Mode;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.Sipp;
import dev.outbound.testing.StoreTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 18: while the SIP trunk does not answer its OPTIONS, the dispatcher claims no voice
 * request (none is attempted, no attempt is spent) and other modes go on; once the trunk answers,
 * the calls go. SIPp plays the trunk (it answers OPTIONS with {@code -aa}) and the agent.
 */
@StoreTest
@Import(DispatchTestConfig.class)
class SipTrunkDispatchTest {
    private static final int OURS = 16060;
    private static final int TRUNK = 16061;
    private static final int AGENT = 16062;

    @DynamicPropertySource
    static void sip(DynamicPropertyRegistry r) {
        r.add("outbound.channels.voice", () -> "sip");
        r.add("outbound.sip.trunk", () -> "sip:127.0.0.1:" + TRUNK);
        r.add("outbound.sip.local-port", () -> OURS);
        r.add("outbound.sip.agent-uri", () -> "sip:agent@127.0.0.1:" + AGENT);
        r.add("outbound.sip.keepalive", () -> "30s");
        r.add("outbound.sip.cps", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Channels channels;

    @Autowired
    MeterRegistry registry;

    Api api;
    Path dir;

    @BeforeEach
    void setUp() throws java.io.IOException {
        assumeTrue(Sipp.installed(), "sipp (Debian sip-tester) is not installed; bin/lib-setup.sh installs it");
        api = Api.at(port);
        dir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "sipp").toAbsolutePath()), "trunk");
    }

    @Test
    void while_the_trunk_does_not_answer_no_call_is_claimed_and_sms_goes_on_and_once_it_answers_the_calls_go() {
        String voice = batch("voice", "+14155550101", "+14155550102");
        String sms = batch("sms", "+14155550103");
        double attemptsBefore = attemptsCounted();

        // Nothing listens at the trunk's port: each OPTIONS goes unanswered for longer than it may.
        int started = 0;
        for (int second = 0; second < 12; second++) {
            started += dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(channels.forMode(Mode.VOICE).accepting()).isFalse();
        assertThat(started).as("only the SMS request was claimed").isEqualTo(1);
        assertThat(attemptsCounted() - attemptsBefore).isEqualTo(1.0);
        assertThat(requests(voice))
                .as("status, attempt_count, attempt rows of the voice requests")
                .containsExactly("PENDING/0/0", "PENDING/0/0");
        assertThat(requests(sms)).singleElement().asString().doesNotStartWith("PENDING");
        assertThat(gauge()).isZero();
        var health = api.get("/actuator/health/dialing");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()
                        .at("/components/channels/details/voice/accepting")
                        .asBoolean())
                .as(health.body())
                .isFalse();
        assertThat(health.json()
                        .at("/components/channels/details/sms/accepting")
                        .asBoolean())
                .as(health.body())
                .isTrue();

        // -m counts each answered OPTIONS as a call: SIPp is stopped by close(), not by a count.
        try (Sipp trunk = Sipp.serve("callee-answers.xml", TRUNK, 1000, Map.of(), dir, "-aa");
                Sipp agent = Sipp.serve("agent.xml", AGENT, 2, Map.of(), dir)) {
            clock.advance(Duration.ofSeconds(5)); // the unanswered OPTIONS' wait is over: ask again
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        dispatcher.tick();
                        return channels.forMode(Mode.VOICE).accepting();
                    });
            assertThat(gauge()).isEqualTo(1.0);

            await().atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        clock.advance(Duration.ofSeconds(1));
                        dispatcher.tick();
                        return requests(voice).equals(List.of("COMPLETED/1/1", "COMPLETED/1/1"));
                    });

            String messages = trunk.messages();
            assertThat(messages).contains("OPTIONS sip:127.0.0.1:" + TRUNK);
            for (String target : List.of("+14155550101", "+14155550102")) {
                assertThat(Pattern.compile("INVITE sip:\\" + target + "@")
                                .matcher(messages)
                                .results()
                                .count())
                        .as("INVITEs to %s", target)
                        .isEqualTo(1);
            }
        }
    }

    private double gauge() {
        return registry.get("outbound.channel.accepting")
                .tags("channel", "sip", "mode", "voice")
                .gauge()
                .value();
    }

    private double attemptsCounted() {
        return registry.get("outbound.dispatch.attempts").counter().count();
    }

    /** status/attempt_count/attempt rows of each request of the batch, in reference order. */
    private List<String> requests(String batchId) {
        return jdbc.sql("""
                        SELECT r.status || '/' || r.attempt_count || '/'
                               || (SELECT COUNT(*) FROM request_attempt a WHERE a.request_id = r.id)
                        FROM request r JOIN batch b ON b.pk = r.batch_pk
                        WHERE b.batch_id = :batch
                        ORDER BY r.reference_id
                        """).param("batch", batchId).query(String.class).list();
    }

    private String batch(String mode, String... targets) {
        return Fixtures.dialableBatch(api, Map.of("mode", mode, "caller_id", "+14155550199"), targets);
    }
}
