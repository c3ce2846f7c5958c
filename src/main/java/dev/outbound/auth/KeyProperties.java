package dev.outbound.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on keys, bound from {@code OUTBOUND_MAX_KEYS_PER_ORG}.
 *
 * @param maxPerOrganization most active (unrevoked) keys an organization may hold; the rate limit
 *     is per key as well as per organization, so this also bounds what extra keys can buy
 */
@ConfigurationProperties("outbound.keys")
public record KeyProperties(int maxPerOrganization) {}
