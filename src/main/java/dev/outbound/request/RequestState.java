package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Where one request stands, read under a row lock before an outcome is recorded. */
public record RequestState(
        long id,
        long batchPk,
        RequestStatus status,
        ChannelManagerStatus channelStatus,
        int attemptCount,
        @Nullable String timeZones,
        @Nullable Instant leaseUntil,
        @Nullable String leaseOwner) {}
