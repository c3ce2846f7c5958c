package dev.outbound.webhook;

import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery settings ({@code OUTBOUND_WEBHOOKS_*}).
 *
 * @param enabled run delivery workers on this node
 * @param allowPrivate deliver to loopback, private and link-local addresses (development, tests)
 * @param concurrency most deliveries in flight per webhook on one node
 * @param tick pause between delivery rounds when nothing was due
 * @param claimLimit most events one round takes
 * @param connectTimeout TCP and TLS connect timeout
 * @param readTimeout longest wait for the receiver's answer (socket inactivity)
 * @param retryFor how long after its first attempt an event is retried before it is dead
 * @param backoffBase delay before the first retry; doubled for each later one
 * @param backoffMax longest delay between two attempts
 * @param retention how long delivered and dead events (and their attempts) are kept
 * @param agentSecret standard Base64 HMAC key that signs events sent to an explicit URL (SMS
 *     replies forwarded to an agent); unsigned when blank
 */
@ConfigurationProperties("outbound.webhooks")
public record DeliveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("false") boolean allowPrivate,
        @DefaultValue("4") int concurrency,
        @DefaultValue("1s") Duration tick,
        @DefaultValue("200") int claimLimit,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("24h") Duration retryFor,
        @DefaultValue("10s") Duration backoffBase,
        @DefaultValue("1h") Duration backoffMax,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("") String agentSecret) {

    public DeliveryProperties {
        if (!agentSecret.isBlank()) {
            try {
                Base64.getDecoder().decode(agentSecret.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("OUTBOUND_WEBHOOKS_AGENT_SECRET must be standard Base64", e);
            }
        }
    }

    /** The key that signs events sent to an explicit URL, or null when they go unsigned. */
    byte @Nullable [] agentKey() {
        return agentSecret.isBlank() ? null : Base64.getDecoder().decode(agentSecret.trim());
    }

    @Override
    public String toString() {
        return "DeliveryProperties[enabled=" + enabled + ", concurrency=" + concurrency + ", agentSecret="
                + (agentSecret.isBlank() ? "none" : "set") + "]";
    }

    /** A delivery never takes longer than this; leases outlive it. */
    Duration deadline() {
        return connectTimeout.plus(readTimeout).multipliedBy(2);
    }
}
