package dev.outbound.webhook;

import dev.outbound.api.Conflict;
import dev.outbound.api.IllegalTransition;
import dev.outbound.api.InvalidInput;
import dev.outbound.api.NotFound;
import dev.outbound.auth.Caller;
import dev.outbound.campaign.CampaignWebhooks;
import dev.outbound.campaign.Campaigns;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The delivery log and redelivery, scoped to the caller's organization. */
@Service
class DeliveryLog {
    private final Campaigns campaigns;
    private final CampaignWebhooks webhooks;
    private final EventRepository events;
    private final EventStatusWriter statuses;
    private final AttemptLogRepository attempts;
    private final Clock clock;

    DeliveryLog(
            Campaigns campaigns,
            CampaignWebhooks webhooks,
            EventRepository events,
            EventStatusWriter statuses,
            AttemptLogRepository attempts,
            Clock clock) {
        this.campaigns = campaigns;
        this.webhooks = webhooks;
        this.events = events;
        this.statuses = statuses;
        this.attempts = attempts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<EventView> events(Caller caller, long campaignId, long webhookId, @Nullable String status, int limit) {
        check(caller, campaignId, webhookId);
        if (status != null && !EventStatus.NAMES.contains(status)) {
            throw InvalidInput.of("Input should be 'PENDING', 'DELIVERED' or 'DEAD'", "enum", "query", "status");
        }
        return events.recent(webhookId, status == null ? null : EventStatus.valueOf(status), limit(limit));
    }

    @Transactional(readOnly = true)
    List<AttemptView> attempts(Caller caller, long campaignId, long webhookId, int limit) {
        check(caller, campaignId, webhookId);
        return attempts.recent(webhookId, limit(limit));
    }

    /**
     * Sends an event again as soon as a worker is free, with its webhook-id unchanged; 409 while a
     * node is sending it.
     */
    @Transactional
    EventView redeliver(Caller caller, long campaignId, long webhookId, String eventId) {
        check(caller, campaignId, webhookId);
        EventView current = find(webhookId, eventId);
        if (!statuses.redeliver(webhookId, eventId, current.status(), clock.instant())) {
            if (find(webhookId, eventId).status() != current.status()) { // lost a race with another change
                throw new IllegalTransition("webhook event", current.status().name(), EventStatus.PENDING.name());
            }
            throw new Conflict("Event " + eventId + " is being delivered; redeliver it once this attempt has ended");
        }
        return find(webhookId, eventId);
    }

    private EventView find(long webhookId, String eventId) {
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
