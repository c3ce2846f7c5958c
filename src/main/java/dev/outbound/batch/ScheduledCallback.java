package dev.outbound.batch;

import dev.outbound.request.RequestReason;
import dev.outbound.request.RequestStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Extension answer of a callback: the request is PENDING until {@code dueAt}, the first moment at
 * or after {@code askedFor} its calendar allows (the two differ when the time asked for was on a
 * restricted date or outside a window).
 */
public record ScheduledCallback(
        String referenceId,
        RequestStatus requestStatus,
        Instant askedFor,
        Instant dueAt,
        RequestReason reason,
        @Nullable String reasonDetail) {}
