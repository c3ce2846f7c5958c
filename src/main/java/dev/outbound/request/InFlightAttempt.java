package dev.outbound.request;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A request in flight with its current attempt, as reconciliation needs it. */
public record InFlightAttempt(
        long id,
        long batchPk,
        RequestStatus status,
        String target,
        String variablesJson,
        int attemptNo,
        String idempotencyKey,
        Instant startedAt,
        @Nullable String sid,
        @Nullable Instant leaseUntil) {}
