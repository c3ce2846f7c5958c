package dev.outbound.campaign;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook settings bound from {@code OUTBOUND_WEBHOOKS_*}.
 *
 * @param allowPrivate accept http URLs and loopback, private and link-local hosts; for local
 *     development and tests only
 */
@ConfigurationProperties("outbound.webhooks")
public record WebhookProperties(boolean allowPrivate) {}
