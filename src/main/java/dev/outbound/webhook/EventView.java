package dev.outbound.webhook;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An outbox event in the delivery log (extension endpoint). */
record EventView(
        String eventId,
        long webhookId,
        long requestId,
        int sequence,
        String channelManagerStatus,
        EventStatus status,
        int attempts,
        Instant createdAt,
        @Nullable Instant nextAttemptAt,
        @Nullable Instant deliveredAt,
        @Nullable Integer lastStatusCode,
        @Nullable String lastError) {}
