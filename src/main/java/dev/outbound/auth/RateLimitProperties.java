package dev.outbound.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API rate limit per key, bound from {@code OUTBOUND_API_RATE_*}.
 *
 * @param rateLimit requests per second each API key may make on this node; 0 turns the limit off
 * @param rateBurst requests a key may make at once after being idle; below 1 means the same as
 *     {@code rateLimit}
 */
@ConfigurationProperties("outbound.api")
public record RateLimitProperties(long rateLimit, long rateBurst) {}
