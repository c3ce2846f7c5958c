package dev.outbound.request;

import org.jspecify.annotations.Nullable;

/** A request this node has claimed for an attempt, with what the channel needs. */
public record ClaimedRequest(
        long id,
        long batchPk,
        String referenceId,
        String target,
        String variablesJson,
        int attemptNo,
        String idempotencyKey,
        @Nullable String timeZones) {}
