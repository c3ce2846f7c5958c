package dev.outbound.channel;

import static dev.outbound.channel.SipChannelTest.attempt;
import static dev.outbound.channel.SipChannelTest.message;
import static dev.outbound.channel.SipSettings.sip;
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
 * {@code OUTBOUND_SIP_HANDOFF=refer} against real SIPp peers: a trunk that transfers the callee
 * (202, NOTIFY 100, NOTIFY 200) and trunks that cannot, where the call falls back to 3PCC with a
 * second SIPp as the agent. Each checks our statuses and the SIP messages SIPp logged.
 */
class SipReferTest {
    static final int OURS = 15073;
    static final int TRUNK = 15074;
    static final int AGENT = 15075;
    static final String AGENT_URI = "sip:agent@127.0.0.1:" + AGENT;

    private Path dir;
    private SipChannel channel;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void needsSipp() throws java.io.IOException {
        dir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "sipp").toAbsolutePath()), "refer");
        assumeTrue(Sipp.installed(), "sipp (Debian sip-tester) is not installed; bin/lib-setup.sh installs it");
        SipProperties settings = sip().trunk("sip:127.0.0.1:" + TRUNK)
                .agent(AGENT_URI)
                .listeningOn(OURS)
                .byRefer()
                .build();
        channel = new SipChannel(settings, SipPace.UNLIMITED, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.destroy();
        }
    }

    private ChannelEvent awaitEnd(String sid) {
        await().atMost(Duration.ofSeconds(40)).until(() -> listener.ended(sid));
        return listener.of(sid).getLast();
    }

    @Test
    @Produces({ChannelManagerStatus.IN_PROGRESS, ChannelManagerStatus.COMPLETED})
    void an_answered_call_is_referred_to_the_agent_and_completes_when_the_trunk_reports_the_transfer_done() {
        try (Sipp trunk = Sipp.serve("callee-accepts-refer.xml", TRUNK, 1, Map.of(), dir)) {
            String sid = channel.start(attempt(11), listener);

            ChannelEvent last = awaitEnd(sid);

            assertThat(last.status()).isEqualTo(ChannelManagerStatus.COMPLETED);
            assertThat(last.detail()).isEqualTo("transferred to the agent " + AGENT_URI + " by REFER");
            assertThat(listener.of(sid)).extracting(ChannelEvent::status).contains(ChannelManagerStatus.IN_PROGRESS);
            assertThat(trunk.exitCode(Duration.ofSeconds(20)))
                    .as(trunk.output())
                    .isZero();
            String log = trunk.messages();
            assertThat(message(log, "ACK sip:"))
                    .as("the callee's offer is answered on hold: no media comes to outbound")
                    .contains("m=audio 9 RTP/AVP 0")
                    .contains("a=inactive");
            assertThat(message(log, "REFER sip:"))
                    .as("the REFER on the callee's dialog names the agent")
                    .contains("Call-ID: " + sid)
                    .contains("Refer-To: <" + AGENT_URI + ">");
            assertThat(log).contains("CSeq: 1 NOTIFY").contains("CSeq: 2 NOTIFY");
            assertThat(answersTo(log, "NOTIFY")).as("each NOTIFY answered 200").isEqualTo(2);
            assertThat(log.indexOf("BYE sip:"))
                    .as("our leg is hung up once the transfer is done")
                    .isGreaterThan(log.indexOf("CSeq: 2 NOTIFY"));
        }
    }

    @Produces({ChannelManagerStatus.IN_PROGRESS, ChannelManagerStatus.COMPLETED})
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the REFER is refused 501         | 501 | Not Implemented         | the trunk answered the REFER SIP 501 Not Implemented
            the REFER is refused 403         | 403 | Forbidden               | the trunk answered the REFER SIP 403 Forbidden
            the transfer fails in its NOTIFY | 202 | Service Unavailable     | the transfer failed: SIP 503 Service Unavailable
            """)
    void a_call_the_trunk_cannot_transfer_is_joined_to_the_agent_by_third_party_call_control(
            String name, int code, String reason, String why) {
        String refusal = code == 202 ? acceptedThenFailed(reason) : refused(code, reason);
        try (Sipp trunk = Sipp.serve("callee-refuses-refer.xml", TRUNK, 1, Map.of("REFUSAL", refusal), dir);
                Sipp agent = Sipp.serve("agent.xml", AGENT, 1, Map.of(), dir)) {
            String sid = channel.start(attempt(20 + code), listener);

            ChannelEvent last = awaitEnd(sid);

            assertThat(last.status()).isEqualTo(ChannelManagerStatus.COMPLETED);
            assertThat(last.detail()).isEqualTo("the callee hung up (joined by 3PCC: the REFER failed, " + why + ")");
            assertThat(listener.of(sid))
                    .extracting(ChannelEvent::detail)
                    .contains("the REFER to " + AGENT_URI + " failed (" + why + "); joining by 3PCC")
                    .contains("joined to the agent " + AGENT_URI);
            assertThat(trunk.exitCode(Duration.ofSeconds(20)))
                    .as(trunk.output())
                    .isZero();
            assertThat(agent.exitCode(Duration.ofSeconds(20)))
                    .as(agent.output())
                    .isZero();
            String log = trunk.messages();
            String reinvite = message(log.substring(log.indexOf("REFER sip:")), "INVITE sip:");
            assertThat(reinvite)
                    .as("the callee is re-INVITEd without an offer on its dialog")
                    .contains("Call-ID: " + sid)
                    .containsPattern("Content-Length: +0");
            assertThat(message(log.substring(log.indexOf("REFER sip:")), "ACK sip:"))
                    .as("the re-INVITE's ACK carries the agent's answer")
                    .contains("m=audio 17000");
            assertThat(message(agent.messages(), "INVITE sip:agent@"))
                    .as("the agent's INVITE carries the callee's new offer")
                    .contains("m=audio 16000");
            assertThat(agent.messages())
                    .as("the agent is hung up when the callee leaves")
                    .contains("BYE sip:");
        }
    }

    private static String refused(int code, String reason) {
        return """
                <send>
                  <![CDATA[
                    SIP/2.0 %d %s
                    [last_Via:]
                    [last_From:]
                    [last_To:]
                    [last_Call-ID:]
                    [last_CSeq:]
                    Content-Length: 0
                  ]]>
                </send>
                """.formatted(code, reason);
    }

    /** A 202, then one NOTIFY whose sipfrag says the transfer failed with 503. */
    private static String acceptedThenFailed(String reason) {
        return """
                <send>
                  <![CDATA[
                    SIP/2.0 202 Accepted
                    [last_Via:]
                    [last_From:]
                    [last_To:]
                    [last_Call-ID:]
                    [last_CSeq:]
                    Content-Length: 0
                  ]]>
                </send>
                <send retrans="500">
                  <![CDATA[
                    NOTIFY [$contact] SIP/2.0
                    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                    From: [$callee];tag=[pid]SIPpTag01[call_number]
                    To: [$caller]
                    Call-ID: [call_id]
                    CSeq: 1 NOTIFY
                    Max-Forwards: 70
                    Event: refer
                    Subscription-State: terminated;reason=noresource
                    Content-Type: message/sipfrag;version=2.0
                    Content-Length: [len]

                    SIP/2.0 503 %s
                  ]]>
                </send>
                <recv response="200" crlf="true"/>
                """.formatted(reason);
    }

    /** How many 200 OKs to requests of {@code method} SIPp's log shows it received. */
    static long answersTo(String log, String method) {
        var answer = java.util.regex.Pattern.compile(
                "(?s)message received[^\\n]*\\n\\s*SIP/2\\.0 200 OK.*CSeq: \\d+ " + method);
        return java.util.Arrays.stream(log.split("-{40,}"))
                .filter(m -> answer.matcher(m).find())
                .count();
    }
}
