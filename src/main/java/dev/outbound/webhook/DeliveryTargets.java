package dev.outbound.webhook;

import dev.outbound.campaign.CampaignWebhooks;
import dev.outbound.campaign.CampaignWebhooksChanged;
import dev.outbound.campaign.WebhookTarget;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Each webhook's URL, method and decrypted secret for delivery, cached so a busy webhook costs no
 * query and no decryption per call: dropped when its campaign is written on this node, and kept
 * at most {@link #TTL_NANOS} for writes on other nodes.
 */
@Component
class DeliveryTargets {
    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_CACHED = 10_000;

    private final CampaignWebhooks webhooks;
    private final ConcurrentHashMap<Long, Cached> byWebhook = new ConcurrentHashMap<>();

    DeliveryTargets(CampaignWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    private record Cached(long campaignId, Optional<WebhookTarget> target, long loadedAt) {}

    Optional<WebhookTarget> find(long campaignId, long webhookId) {
        long now = System.nanoTime();
        Cached c = byWebhook.get(webhookId);
        if (c == null || now - c.loadedAt() > TTL_NANOS) {
            c = new Cached(campaignId, webhooks.find(campaignId, webhookId), now);
            if (byWebhook.size() >= MAX_CACHED) {
                byWebhook.clear();
            }
            byWebhook.put(webhookId, c);
        }
        return c.target();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(CampaignWebhooksChanged changed) {
        byWebhook.values().removeIf(c -> c.campaignId() == changed.campaignId());
    }
}
