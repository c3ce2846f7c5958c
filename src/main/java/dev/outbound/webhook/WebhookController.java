package dev.outbound.webhook;

import dev.outbound.auth.Caller;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Extension endpoints: a webhook's delivery log and redelivery of one event. */
@RestController
@RequestMapping("/api/v1/outbound/campaigns/{campaign_id}/webhooks/{webhook_id}")
class WebhookController {
    private final DeliveryLog log;

    WebhookController(DeliveryLog log) {
        this.log = log;
    }

    @GetMapping("/events")
    List<EventView> events(
            Caller caller,
            @PathVariable("campaign_id") long campaignId,
            @PathVariable("webhook_id") long webhookId,
            @RequestParam(name = "status", required = false) @Nullable String status,
            @RequestParam(name = "limit", defaultValue = "50") int limit) {
        return log.events(caller, campaignId, webhookId, status, limit);
    }

    @GetMapping("/attempts")
    List<AttemptView> attempts(
            Caller caller,
            @PathVariable("campaign_id") long campaignId,
            @PathVariable("webhook_id") long webhookId,
            @RequestParam(name = "limit", defaultValue = "50") int limit) {
        return log.attempts(caller, campaignId, webhookId, limit);
    }

    @PostMapping("/events/{event_id}/redeliver")
    EventView redeliver(
            Caller caller,
            @PathVariable("campaign_id") long campaignId,
            @PathVariable("webhook_id") long webhookId,
            @PathVariable("event_id") String eventId) {
        return log.redeliver(caller, campaignId, webhookId, eventId);
    }
}
