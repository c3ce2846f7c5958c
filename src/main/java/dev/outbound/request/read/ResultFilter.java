package dev.outbound.request.read;

import dev.outbound.request.RequestStatus;
import org.jspecify.annotations.Nullable;

/** The results endpoint's filters; null means "any". */
public record ResultFilter(
        @Nullable String referenceId,
        @Nullable RequestStatus status,
        @Nullable String insightsStatus) {}
