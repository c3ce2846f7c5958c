package dev.outbound.suppression;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One entry of an organization's suppression list. */
public record Suppression(
        String target,
        SuppressionKind kind,
        SuppressionSource source,
        @Nullable String reason,
        String addedBy,
        Instant createdAt) {}
