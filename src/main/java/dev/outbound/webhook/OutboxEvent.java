package dev.outbound.webhook;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A claimed outbox row, as a delivery needs it. */
record OutboxEvent(
        long pk,
        String eventId,
        long webhookId,
        long campaignId,
        String payload,
        int attempts,
        @Nullable Instant firstAttemptAt) {}
