package dev.outbound.channel;

import java.time.Duration;

/** Test data builder for {@link SipProperties}: a trunk on this machine, no keep-alive, no limits. */
final class SipSettings {
    private String trunk = "sip:127.0.0.1:5060";
    private String agentUri = "sip:agent@127.0.0.1:5062";
    private int localPort = 5070;
    private String handoff = "3pcc";
    private Duration ringTimeout = Duration.ofSeconds(30);
    private SipProperties.Tls tls = SipProperties.Tls.NONE;

    static SipSettings sip() {
        return new SipSettings();
    }

    SipSettings trunk(String uri) {
        this.trunk = uri;
        return this;
    }

    SipSettings agent(String uri) {
        this.agentUri = uri;
        return this;
    }

    SipSettings listeningOn(int port) {
        this.localPort = port;
        return this;
    }

    SipSettings byRefer() {
        this.handoff = "refer";
        return this;
    }

    SipSettings ringTimeout(Duration timeout) {
        this.ringTimeout = timeout;
        return this;
    }

    SipSettings trusting(String truststore, String password) {
        this.tls = new SipProperties.Tls("", "", truststore, password);
        return this;
    }

    SipProperties build() {
        return new SipProperties(
                trunk,
                "outbound",
                "secret",
                false,
                0,
                0,
                handoff,
                agentUri,
                ringTimeout,
                "127.0.0.1",
                localPort,
                Duration.ZERO,
                tls);
    }
}
