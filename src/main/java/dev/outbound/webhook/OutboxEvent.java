package dev.outbound.webhook;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A claimed outbox row, as a delivery needs it.
 *
 * @param targetUrl where the event goes when it is not for a campaign webhook (an agent's SMS
 *     URL); null for webhook events, which go to their webhook's URL
 */
record OutboxEvent(
        long pk,
        String eventId,
        long webhookId,
        long campaignId,
        String payload,
        int attempts,
        @Nullable Instant firstAttemptAt,
        @Nullable String targetUrl) {}
