package dev.outbound.channel;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SIP trunk settings ({@code OUTBOUND_SIP_*}). The password is a secret and never logged ({@link
 * #toString()}).
 *
 * @param trunk where calls go, {@code sip:host[:port][;transport=udp|tcp|tls]} or {@code
 *     sips:host[:port]} (TLS)
 * @param username digest user for 401/407 challenges (empty: challenges fail the call)
 * @param assertIdentity also put the caller id in a P-Asserted-Identity header
 * @param cps calls per second started across all nodes; 0 or less: no limit
 * @param maxCalls calls in progress across all nodes; 0 or less: no limit
 * @param handoff how an answered call reaches the agent: {@code 3pcc} (RFC 3725 flow I) or {@code
 *     refer}
 * @param agentUri the agent's SIP URI for campaigns whose agent has no {@code sip_uri}
 * @param ringTimeout how long a call may ring before it is cancelled (NO-ANSWER)
 * @param localAddress the address the stack listens on and puts in Via and Contact
 * @param localPort the port it listens on
 * @param keepalive how often the trunk is sent OPTIONS; 0: never (the trunk is taken as up)
 * @param tls the key and trust stores of a {@code sips:} or {@code ;transport=tls} trunk
 */
@ConfigurationProperties("outbound.sip")
public record SipProperties(
        @DefaultValue("") String trunk,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("false") boolean assertIdentity,
        @DefaultValue("10") double cps,
        @DefaultValue("0") int maxCalls,
        @DefaultValue("3pcc") String handoff,
        @DefaultValue("") String agentUri,
        @DefaultValue("30s") Duration ringTimeout,
        @DefaultValue("127.0.0.1") String localAddress,
        @DefaultValue("5060") int localPort,
        @DefaultValue("30s") Duration keepalive,
        @DefaultValue Tls tls) {

    @ConstructorBinding
    public SipProperties {}

    /** Settings without TLS stores (a {@code sip:} trunk over UDP or TCP, or the JDK's CA certificates). */
    public SipProperties(
            String trunk,
            String username,
            String password,
            boolean assertIdentity,
            double cps,
            int maxCalls,
            String handoff,
            String agentUri,
            Duration ringTimeout,
            String localAddress,
            int localPort,
            Duration keepalive) {
        this(
                trunk,
                username,
                password,
                assertIdentity,
                cps,
                maxCalls,
                handoff,
                agentUri,
                ringTimeout,
                localAddress,
                localPort,
                keepalive,
                Tls.NONE);
    }

    /**
     * TLS towards the trunk ({@code OUTBOUND_SIP_TLS_*}). The JAIN-SIP stack takes them as its own
     * {@code javax.net.ssl.*} properties (not the JVM's, so HTTPS elsewhere is untouched). Without
     * either store the stack uses the JDK's defaults: the trunk's certificate is checked against the
     * JDK's CA certificates and we present none. A missing store defaults to the other.
     *
     * @param keystore a PKCS12 or JKS file with our key and certificate
     * @param keystorePassword its password; never logged
     * @param truststore a file with the certificates the trunk's must chain to
     * @param truststorePassword its password (default: the key store's); never logged
     */
    public record Tls(
            @DefaultValue("") String keystore,
            @DefaultValue("") String keystorePassword,
            @DefaultValue("") String truststore,
            @DefaultValue("") String truststorePassword) {
        static final Tls NONE = new Tls("", "", "", "");

        void configure(java.util.Properties stack) {
            // The trunk is ours to trust; no client certificate is asked of the peers that call us.
            stack.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
            if (keystore.isBlank() && truststore.isBlank()) {
                return;
            }
            // The stack reads TLS settings only when it is given a key store; a trust store alone
            // (a trunk with a private CA, no certificate of ours) is given as both.
            String keys = keystore.isBlank() ? truststore : keystore;
            String keysPassword = keystore.isBlank() ? truststorePassword : keystorePassword;
            stack.setProperty("javax.net.ssl.keyStore", keys);
            stack.setProperty("javax.net.ssl.keyStorePassword", keysPassword);
            stack.setProperty("javax.net.ssl.trustStore", truststore.isBlank() ? keys : truststore);
            stack.setProperty(
                    "javax.net.ssl.trustStorePassword",
                    truststore.isBlank() || truststorePassword.isBlank() ? keysPassword : truststorePassword);
        }

        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + ", keystorePassword=(secret), truststore=" + truststore
                    + ", truststorePassword=(secret)]";
        }
    }

    /** The trunk's host, port and transport, read from {@link #trunk}. */
    record Trunk(String host, int port, String transport, boolean secure) {}

    /** Checked when the SIP channel is configured for voice, so a half-set-up service fails at start. */
    void requireComplete() {
        if (trunk.isBlank()) {
            throw new IllegalStateException("The SIP channel needs OUTBOUND_SIP_TRUNK (e.g. sip:trunk.example.com)");
        }
        parsedTrunk();
        refer();
    }

    /** True for {@code OUTBOUND_SIP_HANDOFF=refer}, false for {@code 3pcc}. */
    boolean refer() {
        return switch (handoff.trim().toLowerCase(Locale.ROOT)) {
            case "3pcc" -> false;
            case "refer" -> true;
            default ->
                throw new IllegalStateException("OUTBOUND_SIP_HANDOFF must be 3pcc or refer, got \"" + handoff + "\"");
        };
    }

    Trunk parsedTrunk() {
        String t = trunk.trim();
        int colon = t.indexOf(':');
        String scheme = colon < 0 ? "" : t.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            throw new IllegalStateException("OUTBOUND_SIP_TRUNK must be a sip: or sips: URI, got \"" + trunk + "\"");
        }
        String rest = t.substring(colon + 1);
        String transport = scheme.equals("sips") ? "tls" : "udp";
        int semi = rest.indexOf(';');
        if (semi >= 0) {
            for (String param : rest.substring(semi + 1).split(";")) {
                if (param.toLowerCase(Locale.ROOT).startsWith("transport=")) {
                    transport = param.substring("transport=".length()).toLowerCase(Locale.ROOT);
                }
            }
            rest = rest.substring(0, semi);
        }
        if (rest.contains("@")) {
            rest = rest.substring(rest.indexOf('@') + 1);
        }
        if (!transport.equals("udp") && !transport.equals("tcp") && !transport.equals("tls")) {
            throw new IllegalStateException("OUTBOUND_SIP_TRUNK transport must be udp, tcp or tls, got " + transport);
        }
        URI hostPort = URI.create("sip://" + rest);
        if (hostPort.getHost() == null) {
            throw new IllegalStateException("OUTBOUND_SIP_TRUNK names no host: \"" + trunk + "\"");
        }
        boolean secure = transport.equals("tls");
        int port = hostPort.getPort() > 0 ? hostPort.getPort() : secure ? 5061 : 5060;
        return new Trunk(hostPort.getHost(), port, transport, scheme.equals("sips"));
    }

    @Override
    public String toString() {
        return "SipProperties[trunk=" + trunk + ", username=" + username + ", password=(secret), assertIdentity="
                + assertIdentity + ", cps=" + cps + ", maxCalls=" + maxCalls + ", handoff=" + handoff
                + ", agentUri=" + agentUri + ", ringTimeout=" + ringTimeout + ", localAddress=" + localAddress
                + ", localPort=" + localPort + ", keepalive=" + keepalive + ", tls=" + tls + "]";
    }
}
