package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outbound.testing.Produces;
import dev.outbound.testing.Sipp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SIP channel against real SIPp peers: one plays the trunk and the callee, another the agent.
 * Each scenario checks our statuses and the SIP messages SIPp logged.
 */
class SipChannelTest {
    static final int OURS = 15060;
    static final int TRUNK = 15061;
    static final int AGENT = 15062;

    /** SIPp's scenarios and message logs, kept under target/ for a look after a failure. */
    private Path dir;

    private SipChannel channel;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void needsSipp() throws java.io.IOException {
        dir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "sipp").toAbsolutePath()), "sip");
        assumeTrue(Sipp.installed(), "sipp (Debian sip-tester) is not installed; bin/lib-setup.sh installs it");
        channel = new SipChannel(properties(Duration.ofSeconds(30)), SipPace.UNLIMITED, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.destroy();
        }
    }

    static SipProperties properties(Duration ringTimeout) {
        return new SipProperties(
                "sip:127.0.0.1:" + TRUNK,
                "outbound",
                "secret",
                true,
                0,
                0,
                "3pcc",
                "sip:agent@127.0.0.1:" + AGENT,
                ringTimeout,
                "127.0.0.1",
                OURS,
                Duration.ZERO);
    }

    static ChannelAttempt attempt(long requestId) {
        var campaign = new CampaignDelivery("+14155550100", null, null, null, Map.of());
        return new ChannelAttempt(
                requestId, 1, "key-" + requestId, Mode.VOICE, "+14155550123", "+14155550100", Map.of(), campaign);
    }

    private ChannelEvent awaitEnd(String sid) {
        await().atMost(Duration.ofSeconds(40)).until(() -> listener.ended(sid));
        return listener.of(sid).getLast();
    }

    @Test
    @Produces({ChannelManagerStatus.IN_PROGRESS, ChannelManagerStatus.COMPLETED})
    void an_answered_call_is_joined_to_the_agent_by_third_party_call_control_and_completes_at_bye() {
        try (Sipp trunk = Sipp.serve("callee-answers.xml", TRUNK, 1, Map.of(), dir);
                Sipp agent = Sipp.serve("agent.xml", AGENT, 1, Map.of(), dir)) {
            String sid = channel.start(attempt(1), listener);

            ChannelEvent last = awaitEnd(sid);

            assertThat(last.status()).isEqualTo(ChannelManagerStatus.COMPLETED);
            assertThat(listener.of(sid)).extracting(ChannelEvent::status).contains(ChannelManagerStatus.IN_PROGRESS);
            assertThat(trunk.exitCode(Duration.ofSeconds(20)))
                    .as(trunk.output())
                    .isZero();
            assertThat(agent.exitCode(Duration.ofSeconds(20)))
                    .as(agent.output())
                    .isZero();
            String toTrunk = trunk.messages();
            String invite = message(toTrunk, "INVITE sip:+14155550123@127.0.0.1:" + TRUNK);
            assertThat(invite)
                    .as("the callee's INVITE: caller id in From and P-Asserted-Identity, no SDP offer")
                    .contains("Call-ID: " + sid)
                    .containsPattern("From: <sip:\\+14155550100@[^>]+>;tag=")
                    .contains("P-Asserted-Identity: <sip:+14155550100@127.0.0.1:" + TRUNK + ">")
                    .containsPattern("Content-Length: +0");
            assertThat(message(toTrunk, "ACK sip:"))
                    .as("the callee's ACK carries the agent's answer")
                    .contains("m=audio 17000");
            assertThat(message(agent.messages(), "INVITE sip:agent@"))
                    .as("the agent's INVITE carries the callee's offer")
                    .contains("m=audio 16000");
            assertThat(agent.messages())
                    .as("the agent is hung up when the callee leaves")
                    .contains("BYE sip:");
        }
    }

    @Produces({
        ChannelManagerStatus.BUSY,
        ChannelManagerStatus.DECLINED,
        ChannelManagerStatus.SIP_NOT_FOUND,
        ChannelManagerStatus.SIP_TEMPORARILY_UNAVAILABLE,
        ChannelManagerStatus.SIP_LOOP_DETECTED,
        ChannelManagerStatus.SIP_DOES_NOT_EXIST_ANYWHERE,
        ChannelManagerStatus.FAILED
    })
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            486 | Busy Here                  | BUSY
            600 | Busy Everywhere            | BUSY
            603 | Decline                    | DECLINED
            404 | Not Found                  | SIP_NOT_FOUND
            480 | Temporarily Unavailable    | SIP_TEMPORARILY_UNAVAILABLE
            482 | Loop Detected              | SIP_LOOP_DETECTED
            604 | Does Not Exist Anywhere    | SIP_DOES_NOT_EXIST_ANYWHERE
            503 | Service Unavailable        | FAILED
            """)
    void a_refusal_ends_the_attempt_with_its_status_and_is_acknowledged(
            int code, String reason, ChannelManagerStatus expected) {
        try (Sipp trunk = Sipp.serve(
                "callee-refuses.xml", TRUNK, 1, Map.of("CODE", String.valueOf(code), "REASON", reason), dir)) {
            String sid = channel.start(attempt(100 + code), listener);

            ChannelEvent last = awaitEnd(sid);

            assertThat(last.status()).isEqualTo(expected);
            assertThat(last.detail()).isEqualTo("SIP " + code + " " + reason);
            assertThat(trunk.exitCode(Duration.ofSeconds(20)))
                    .as(trunk.output())
                    .isZero();
            assertThat(trunk.messages())
                    .contains("SIP/2.0 " + code + " " + reason)
                    .contains("ACK sip:");
        }
    }

    @Test
    @Produces(ChannelManagerStatus.NO_ANSWER)
    void a_call_that_rings_past_the_ring_timeout_is_cancelled_and_ends_no_answer() {
        channel.destroy();
        channel = new SipChannel(properties(Duration.ofSeconds(2)), SipPace.UNLIMITED, Clock.systemUTC());
        try (Sipp trunk = Sipp.serve("callee-rings-out.xml", TRUNK, 1, Map.of(), dir)) {
            String sid = channel.start(attempt(2), listener);

            ChannelEvent last = awaitEnd(sid);

            assertThat(last.status()).isEqualTo(ChannelManagerStatus.NO_ANSWER);
            assertThat(trunk.exitCode(Duration.ofSeconds(20)))
                    .as(trunk.output())
                    .isZero();
            assertThat(trunk.messages()).contains("CANCEL sip:+14155550123@").contains("SIP/2.0 487");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"401, WWW-Authenticate, Authorization", "407, Proxy-Authenticate, Proxy-Authorization"})
    void a_digest_challenge_is_answered_with_the_trunk_credentials(String code, String challenge, String credentials) {
        boolean sippChecks = code.equals("401");
        var fill = Map.of(
                "CHALLENGE",
                code,
                "AUTHENTICATE",
                challenge,
                "VERIFY",
                sippChecks
                        ? "<verifyauth assign_to=\"authvalid\" username=\"outbound\" password=\"secret\"/>"
                        : "<ereg regexp=\"Digest\" search_in=\"hdr\" header=\"Proxy-Authorization:\""
                                + " check_it=\"true\" assign_to=\"proxyauth\"/>",
                "AUTHORIZED",
                sippChecks
                        ? "<nop hide=\"true\" test=\"authvalid\" next=\"authorized\"/>"
                        : "<nop hide=\"true\" next=\"authorized\"/><Reference variables=\"proxyauth\"/>");
        try (Sipp trunk = Sipp.serve("callee-challenges.xml", TRUNK, 1, fill, dir);
                Sipp agent = Sipp.serve("agent.xml", AGENT, 1, Map.of(), dir)) {
            String sid = channel.start(attempt(3), listener);

            ChannelEvent last = awaitEnd(sid);

            assertThat(last.status()).as(trunk.messages()).isEqualTo(ChannelManagerStatus.COMPLETED);
            assertThat(trunk.exitCode(Duration.ofSeconds(20)))
                    .as(trunk.output())
                    .isZero();
            String uri = "sip:+14155550123@127.0.0.1:" + TRUNK;
            String expected = md5(md5("outbound:trunk.test:secret") + ":4f1b2c3d5e6f7a8b9c0d:" + md5("INVITE:" + uri));
            assertThat(trunk.messages())
                    .contains("SIP/2.0 " + code)
                    .contains(credentials + ": Digest username=\"outbound\",realm=\"trunk.test\"")
                    .as("the digest of RFC 2617 over the trunk's nonce and our password")
                    .contains("uri=\"" + uri + "\",response=\"" + expected + "\"");
        }
    }

    private static String md5(String s) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5")
                            .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Produces(ChannelManagerStatus.NO_OUTCOME)
    void the_attempt_of_a_node_that_died_ends_no_outcome_and_one_a_live_node_holds_is_left_to_it() {
        ChannelAttempt elsewhere = attempt(4);

        assertThat(channel.lookup(elsewhere, java.time.Instant.now(), false))
                .as("another live node holds the call: it reports it")
                .isEmpty();
        ChannelEvent settled = java.util.Objects.requireNonNull(channel.lookup(elsewhere, java.time.Instant.now(), true)
                .orElseThrow()
                .latest());
        assertThat(settled.status()).isEqualTo(ChannelManagerStatus.NO_OUTCOME);
        assertThat(settled.ended()).isTrue();
    }

    /** The first message in SIPp's log that starts with {@code firstLine}, up to the next log entry. */
    static String message(String log, String firstLine) {
        int at = log.indexOf(firstLine);
        assertThat(at).as("a message starting " + firstLine + " in:\n" + log).isNotNegative();
        int next = log.indexOf("----------------------------------------------", at);
        return next < 0 ? log.substring(at) : log.substring(at, next);
    }
}
