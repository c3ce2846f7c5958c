package dev.outbound.webhook;

import dev.outbound.api.InvalidInput;
import dev.outbound.api.NotFound;
import dev.outbound.auth.Caller;
import dev.outbound.campaign.CampaignWebhooks;
import dev.outbound.campaign.Campaigns;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The delivery log and redelivery, scoped to the caller's organization. */
@Service
class DeliveryLog {
    private static final Set<String> STATUSES =
            Set.of(EventRepository.PENDING, EventRepository.DELIVERED, EventRepository.DEAD);
    private final Campaigns campaigns;
    private final CampaignWebhooks webhooks;
    private final EventRepository events;
    private final AttemptLogRepository attempts;
    private final Clock clock;

    DeliveryLog(
            Campaigns campaigns,
            CampaignWebhooks webhooks,
            EventRepository events,
            AttemptLogRepository attempts,
            Clock clock) {
        this.campaigns = campaigns;
        this.webhooks = webhooks;
        this.events = events;
        this.attempts = attempts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<EventView> events(Caller caller, long campaignId, long webhookId, @Nullable String status, int limit) {
        check(caller, campaignId, webhookId);
        if (status != null && !STATUSES.contains(status)) {
            throw InvalidInput.of("Input should be 'PENDING', 'DELIVERED' or 'DEAD'", "enum", "query", "status");
        }
        return events.recent(webhookId, status, limit(limit));
    }

    @Transactional(readOnly = true)
    List<AttemptView> attempts(Caller caller, long campaignId, long webhookId, int limit) {
        check(caller, campaignId, webhookId);
        return attempts.recent(webhookId, limit(limit));
    }

    /** Sends an event again as soon as a worker is free, with its webhook-id unchanged. */
    @Transactional
    EventView redeliver(Caller caller, long campaignId, long webhookId, String eventId) {
        check(caller, campaignId, webhookId);
        if (!events.redeliver(webhookId, eventId, clock.instant())) {
            throw new NotFound("Event " + eventId + " not found");
        }
        return events.find(webhookId, eventId).orElseThrow(() -> new NotFound("Event " + eventId + " not found"));
    }

    private void check(Caller caller, long campaignId, long webhookId) {
        campaigns.rules(caller.organizationId(), campaignId); // 404 outside the caller's organization
        if (webhooks.find(campaignId, webhookId).isEmpty()) {
            throw new NotFound("Webhook " + webhookId + " not found");
        }
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw InvalidInput.of("Input should be between 1 and 1000", "value_error", "query", "limit");
        }
        return limit;
    }
}
