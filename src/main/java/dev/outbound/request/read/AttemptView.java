package dev.outbound.request.read;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a request, as the attempts extension endpoint shows it. {@code reason} and
 * {@code reasonDetail} are the request's current ones (why a rule holds it back or skipped it,
 * null when none did), repeated on each attempt: the response stays the list it always was, and
 * attempts themselves carry no reason, since a rule acts before an attempt is made.
 */
public record AttemptView(
        int attemptNo,
        Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable String channelSid,
        @Nullable String channelStatus,
        @Nullable String outcome,
        @Nullable String detail,
        @Nullable String reason,
        @Nullable String reasonDetail) {}
