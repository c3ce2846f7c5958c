package dev.outbound.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on keys, bound from {@code OUTBOUND_MAX_KEYS_PER_ORG}, and how long a node keeps an
 * active key's caller ({@code OUTBOUND_API_KEY_CACHE_TTL}).
 *
 * @param maxPerOrganization most active (unrevoked) keys an organization may hold; the rate limit
 *     is per key as well as per organization, so this also bounds what extra keys can buy
 * @param cacheTtl how long an active key is trusted without a lookup ({@link ActiveKeys}): the
 *     longest another node accepts a revoked key; zero looks every request's key up
 */
@ConfigurationProperties("outbound.keys")
public record KeyProperties(int maxPerOrganization, Duration cacheTtl) {
    public KeyProperties {
        if (cacheTtl == null || cacheTtl.isNegative()) {
            cacheTtl = Duration.ZERO;
        }
    }
}
