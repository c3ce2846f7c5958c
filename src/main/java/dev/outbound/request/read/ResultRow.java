package dev.outbound.request.read;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One request as the results endpoint shows it (the contract's CommunicationRequestResult).
 * {@code reason} and {@code reasonDetail} (extensions) say why a rule held the request back or
 * skipped it, null when none did. JSON-valued columns stay as the stored JSON text so streaming a large batch never parses them.
 */
public record ResultRow(
        String referenceId,
        String target,
        String requestVariablesJson,
        @Nullable String channelManagerSid,
        Instant createdAt,
        @Nullable Instant sentAt,
        int attemptCount,
        @Nullable Long sessionId,
        @Nullable Long conversationId,
        String requestStatus,
        String channelManagerStatus,
        @Nullable String insightsStatus,
        @Nullable String insightsJson,
        @Nullable String lineType,
        @Nullable String enrichmentJson,
        @Nullable String reason,
        @Nullable String reasonDetail) {}
