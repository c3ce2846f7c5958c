package dev.outbound.channel;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something the channel learned about an attempt. Events of one attempt may arrive out of order
 * or twice; whoever records them must never move a request backwards.
 *
 * @param channelSid the provider's id of the call or message
 * @param status the channel's status
 * @param ended true when the attempt is over (no later event will change its outcome)
 * @param detail provider's message, e.g. why it failed
 */
public record ChannelEvent(
        long requestId,
        int attemptNo,
        String channelSid,
        ChannelManagerStatus status,
        boolean ended,
        Instant at,
        @Nullable String detail) {}
