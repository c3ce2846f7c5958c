package dev.outbound.request.read;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One attempt of a request, as the attempts extension endpoint shows it. */
public record AttemptView(
        int attemptNo,
        Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable String channelSid,
        @Nullable String channelStatus,
        @Nullable String outcome,
        @Nullable String detail) {}
