package dev.outbound.channel;

import dev.outbound.testing.TwilioStandIn;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** A Twilio channel wired to a {@link TwilioStandIn}, its callbacks handed over directly. */
final class TwilioTesting {
    static final String PUBLIC_URL = "https://outbound.test";

    private TwilioTesting() {}

    static TwilioProperties properties(String apiBase, double cps) {
        return properties(apiBase, cps, TwilioStandIn.ACCOUNT);
    }

    static TwilioProperties properties(String apiBase, double cps, String account) {
        return new TwilioProperties(
                account,
                TwilioStandIn.TOKEN,
                apiBase,
                PUBLIC_URL,
                "https://agent.test/twiml",
                cps,
                Duration.ofSeconds(2),
                3,
                "DetectMessageEnd",
                "+14155550100",
                "Hello from the test");
    }

    /** The agent hosts of the tests' campaigns. */
    static final AgentHosts AGENT_HOSTS = AgentHosts.of("agent.example");

    static TwilioChannel channel(
            TwilioStandIn standIn, Clock clock, TwilioPace pace, @Nullable ChannelListener fallback) {
        return channel(standIn, clock, pace, fallback, AGENT_HOSTS);
    }

    static TwilioChannel channel(
            TwilioStandIn standIn,
            Clock clock,
            TwilioPace pace,
            @Nullable ChannelListener fallback,
            AgentHosts agentHosts) {
        var channel = new TwilioChannel(
                properties(standIn.baseUrl(), 1),
                JsonMapper.builder().build(),
                clock,
                pace,
                agentHosts,
                () -> fallback);
        standIn.sink((url, params, signature) -> {
            URI u = URI.create(url);
            var kind = u.getPath().equals(TwilioForms.VOICE_STATUS_PATH)
                    ? TwilioCallbacks.Kind.CALL
                    : TwilioCallbacks.Kind.MESSAGE;
            if (!url.startsWith(PUBLIC_URL)) {
                throw new IllegalStateException("callback to an unexpected URL " + url);
            }
            channel.callbacks().receive(kind, u.getRawPath(), u.getRawQuery(), params, signature);
        });
        return channel;
    }
}
