package dev.outbound.channel;

import static dev.outbound.channel.SipChannelTest.attempt;
import static dev.outbound.channel.SipChannelTest.message;
import static dev.outbound.channel.SipSettings.sip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outbound.testing.Produces;
import dev.outbound.testing.Sipp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trunk's transport is the one the stack listens and sends on: a {@code ;transport=tcp} trunk
 * is called over TCP (SIPp {@code -t t1}), a {@code sips:} trunk over TLS. Debian's SIPp is built
 * without OpenSSL, so for TLS it sits behind socat, which ends TLS with a throwaway certificate
 * that only our trust store knows and passes the SIP on over TCP.
 */
class SipTransportTest {
    static final int OURS_TCP = 15076;
    static final int TRUNK_TCP = 15077;
    static final int AGENT_TCP = 15078;
    static final int OURS_TLS = 15079;
    static final int TRUNK_TLS = 15080;
    static final int SIPP_BEHIND_TLS = 15081;

    private Path dir;
    private @Nullable SipChannel channel;
    private @Nullable Process terminator;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void needsSipp() throws IOException {
        dir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "sipp").toAbsolutePath()), "transport");
        assumeTrue(Sipp.installed(), "sipp (Debian sip-tester) is not installed; bin/lib-setup.sh installs it");
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.destroy();
        }
        if (terminator != null) {
            terminator.destroy();
        }
    }

    private ChannelEvent awaitEnd(String sid) {
        await().atMost(Duration.ofSeconds(40)).until(() -> listener.ended(sid));
        return listener.of(sid).getLast();
    }

    @Test
    @Produces(ChannelManagerStatus.COMPLETED)
    void a_trunk_with_transport_tcp_is_called_over_tcp_and_the_call_is_joined_to_the_agent() {
        SipChannel channel = new SipChannel(
                sip().trunk("sip:127.0.0.1:" + TRUNK_TCP + ";transport=tcp")
                        .agent("sip:agent@127.0.0.1:" + AGENT_TCP + ";transport=tcp")
                        .listeningOn(OURS_TCP)
                        .build(),
                SipPace.UNLIMITED,
                Clock.systemUTC());
        this.channel = channel;
        try (Sipp trunk = Sipp.serve("callee-answers.xml", TRUNK_TCP, 1, Map.of(), dir, "-t", "t1");
                Sipp agent = Sipp.serve("agent.xml", AGENT_TCP, 1, Map.of(), dir, "-t", "t1")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> listening(TRUNK_TCP) && listening(AGENT_TCP));

            String sid = channel.start(attempt(31), listener);

            assertThat(awaitEnd(sid).status()).isEqualTo(ChannelManagerStatus.COMPLETED);
            assertThat(trunk.exitCode(Duration.ofSeconds(20)))
                    .as(trunk.output())
                    .isZero();
            assertThat(agent.exitCode(Duration.ofSeconds(20)))
                    .as(agent.output())
                    .isZero();
            String invite = message(trunk.messages(), "INVITE sip:+14155550123@127.0.0.1:" + TRUNK_TCP);
            assertThat(invite)
                    .contains("Via: SIP/2.0/TCP 127.0.0.1:" + OURS_TCP)
                    .contains("Contact: <sip:127.0.0.1:" + OURS_TCP + ";transport=tcp>");
            assertThat(trunk.messages()).contains("TCP message received").doesNotContain("UDP message");
            assertThat(message(agent.messages(), "INVITE sip:agent@"))
                    .contains("Via: SIP/2.0/TCP")
                    .contains("m=audio 16000");
        }
    }

    @Test
    @Produces(ChannelManagerStatus.COMPLETED)
    void a_sips_trunk_is_called_over_tls_checked_against_the_trust_store() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed; bin/lib-setup.sh does");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        SipChannel channel = referringOverTls(throwawayCertificate(dir));
        try (Sipp trunk = trunkBehindTls()) {
            String sid = channel.start(attempt(32), listener);

            ChannelEvent last = awaitEnd(sid);
            assertThat(last.status()).as(trunk.messages()).isEqualTo(ChannelManagerStatus.COMPLETED);
            assertThat(last.detail()).startsWith("transferred to the agent");
            assertThat(trunk.exitCode(Duration.ofSeconds(20)))
                    .as(trunk.output())
                    .isZero();
            assertThat(message(trunk.messages(), "INVITE sips:+14155550123@127.0.0.1:" + TRUNK_TLS))
                    .as("sent over TLS (socat takes nothing else) from our TLS listening point")
                    .contains("Via: SIP/2.0/TLS 127.0.0.1:" + OURS_TLS);
            assertThat(message(trunk.messages(), "REFER sip"))
                    .contains("Refer-To: <sip:agent@127.0.0.1:15088;transport=tls>");
        }
    }

    @Test
    void a_sips_trunk_whose_certificate_the_trust_store_does_not_hold_is_never_sent_an_invite() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed; bin/lib-setup.sh does");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path otherDir = Files.createDirectories(dir.resolve("other"));
        Path strangerTrust = throwawayCertificate(otherDir);
        throwawayCertificate(dir);
        SipChannel channel = referringOverTls(strangerTrust);
        try (Sipp trunk = trunkBehindTls()) {
            String outcome;
            try {
                String sid = channel.start(attempt(33), listener);
                outcome = awaitEnd(sid).status().name();
            } catch (ChannelUnavailable refused) {
                outcome = "unavailable: " + refused.getMessage();
            }

            assertThat(outcome)
                    .as("refused at start, or ended without an outcome; never answered")
                    .matches("unavailable: .*|NO_OUTCOME");
            assertThat(trunk.messages()).as("nothing reached the trunk").doesNotContain("INVITE sips:");
        }
    }

    /** Our channel calling the {@code sips:} trunk, handing off by REFER, trusting only {@code truststore}. */
    private SipChannel referringOverTls(Path truststore) {
        SipChannel channel = new SipChannel(
                sip().trunk("sips:127.0.0.1:" + TRUNK_TLS)
                        .agent("sip:agent@127.0.0.1:15088;transport=tls")
                        .listeningOn(OURS_TLS)
                        .byRefer()
                        .trusting(truststore.toString(), "changeit")
                        .build(),
                SipPace.UNLIMITED,
                Clock.systemUTC());
        this.channel = channel;
        return channel;
    }

    /**
     * SIPp as a trunk that takes the REFER, on TCP behind socat ending TLS on TRUNK_TLS with the
     * certificate in {@code dir}; answers once both listen.
     */
    private Sipp trunkBehindTls() throws IOException {
        var behindTls =
                Map.of("CONTACT", "127.0.0.1:" + TRUNK_TLS + ";transport=tls", "VIA", "TLS 127.0.0.1:" + TRUNK_TLS);
        Sipp trunk = Sipp.serve("callee-accepts-refer.xml", SIPP_BEHIND_TLS, 1, behindTls, dir, "-t", "t1");
        try {
            this.terminator = tlsTerminator();
            await().atMost(Duration.ofSeconds(30)).until(() -> listening(SIPP_BEHIND_TLS) && listening(TRUNK_TLS));
            return trunk;
        } catch (IOException | RuntimeException e) {
            trunk.close();
            throw e;
        }
    }

    /**
     * A self-signed certificate for 127.0.0.1 in {@code dir}: its key and PEM for socat, and a
     * PKCS12 trust store holding it for our stack.
     */
    private static Path throwawayCertificate(Path dir) throws Exception {
        Process openssl = new ProcessBuilder(List.of(
                        "/usr/bin/openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=127.0.0.1",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1",
                        "-keyout",
                        dir.resolve("trunk.key").toString(),
                        "-out",
                        dir.resolve("trunk.pem").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue())
                .as(Files.readString(dir.resolve("openssl.log")))
                .isZero();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream pem = Files.newInputStream(dir.resolve("trunk.pem"))) {
            trust.setCertificateEntry(
                    "trunk", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, "changeit".toCharArray());
        }
        return file;
    }

    /** socat ending TLS on TRUNK_TLS with the certificate in {@code dir} and passing SIP to SIPp's TCP. */
    private Process tlsTerminator() throws IOException {
        return new ProcessBuilder(
                        "/usr/bin/socat",
                        "OPENSSL-LISTEN:" + TRUNK_TLS + ",bind=127.0.0.1,reuseaddr,fork,verify=0,cert="
                                + dir.resolve("trunk.pem") + ",key=" + dir.resolve("trunk.key"),
                        "TCP:127.0.0.1:" + SIPP_BEHIND_TLS)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile())
                .start();
    }

    /** Whether something listens on TCP 127.0.0.1:{@code port}, read off /proc without connecting. */
    static boolean listening(int port) throws IOException {
        String hex = String.format(":%04X ", port);
        return Files.readAllLines(Path.of("/proc/net/tcp")).stream()
                .anyMatch(l -> l.contains("0100007F" + hex) && l.split("\\s+")[4].equals("0A"));
    }
}
