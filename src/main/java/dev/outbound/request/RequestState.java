package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where one request stands, read under a row lock before an outcome is recorded; its target and
 * variables say where its recipient is, which a retry's calendar reads.
 */
public record RequestState(
        long id,
        long batchPk,
        RequestStatus status,
        ChannelManagerStatus channelStatus,
        int attemptCount,
        @Nullable String timeZones,
        @Nullable Instant leaseUntil,
        @Nullable String leaseOwner,
        String target,
        @Nullable String variablesJson) {

    /** A state whose recipient is unknown (no target or variables read). */
    public RequestState(
            long id,
            long batchPk,
            RequestStatus status,
            ChannelManagerStatus channelStatus,
            int attemptCount,
            @Nullable String timeZones,
            @Nullable Instant leaseUntil,
            @Nullable String leaseOwner) {
        this(id, batchPk, status, channelStatus, attemptCount, timeZones, leaseUntil, leaseOwner, "", null);
    }
}
