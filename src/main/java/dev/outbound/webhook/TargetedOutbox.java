package dev.outbound.webhook;

import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events for an explicit URL rather than a campaign webhook (an SMS reply forwarded to the
 * campaign's agent): written to the same outbox, so the same signing, retries, backoff and
 * address checks apply. The key is {@code OUTBOUND_WEBHOOKS_AGENT_SECRET}. They are filed under
 * webhook id {@code -campaignId}: webhook ids are positive, and the per-webhook concurrency limit
 * then holds per campaign.
 */
@Component
public class TargetedOutbox {
    private final EventRepository events;
    private final boolean signed;

    TargetedOutbox(EventRepository events, DeliveryProperties properties) {
        this.events = events;
        this.signed = properties.agentKey() != null;
    }

    /** Whether these events are signed ({@code OUTBOUND_WEBHOOKS_AGENT_SECRET} is set). */
    public boolean signed() {
        return signed;
    }

    /**
     * Queues {@code payload} for a POST to {@code url}, due at once; {@code eventId} becomes its
     * {@code webhook-id} header. A request's events go out in the order they were added.
     */
    @Transactional
    public void add(
            String eventId, String type, long campaignId, long requestId, String url, String payload, Instant now) {
        long webhookId = -campaignId;
        int seq = events.nextSeq(webhookId, requestId);
        events.insertTargeted(eventId, webhookId, campaignId, requestId, seq, type, payload, now, url);
    }
}
