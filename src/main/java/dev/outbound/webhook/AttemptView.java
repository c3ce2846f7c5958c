package dev.outbound.webhook;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One delivery attempt in the delivery log (extension endpoint). */
record AttemptView(
        String eventId,
        int attemptNo,
        Instant attemptedAt,
        @Nullable Integer statusCode,
        long latencyMs,
        @Nullable String error,
        String outcome,
        @Nullable Instant nextAttemptAt) {}
