package dev.outbound.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API rate limits, bound from {@code OUTBOUND_API_RATE_*} and {@code OUTBOUND_API_ORG_RATE_*}.
 * A request must fit both its key's allowance and its organization's, so making more keys does
 * not multiply what an organization may send.
 *
 * @param rateLimit requests per second each API key may make on this node; 0 turns the limit off
 * @param rateBurst requests a key may make at once after being idle; below 1 means the same as
 *     {@code rateLimit}
 * @param organizationRateLimit requests per second all keys of one organization together may make
 *     on this node; 0 turns this limit off
 * @param organizationRateBurst requests an organization may make at once after being idle; below 1
 *     means the same as {@code organizationRateLimit}
 */
@ConfigurationProperties("outbound.api")
public record RateLimitProperties(
        long rateLimit, long rateBurst, long organizationRateLimit, long organizationRateBurst) {}
