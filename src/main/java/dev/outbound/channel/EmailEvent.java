package dev.outbound.channel;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One event an email provider reported about a message it sent for an attempt. They arrive late,
 * twice and out of order; whoever records them must never move a request backwards.
 *
 * @param requestId the request, from the message's custom_args
 * @param attemptNo the attempt, from the message's custom_args
 * @param channelSid the provider's id of the message
 * @param type what happened
 * @param reason the provider's reason (a bounce's or drop's), if any
 * @param recipient the address the event is about
 * @param at when the provider observed it
 */
public record EmailEvent(
        long requestId,
        int attemptNo,
        String channelSid,
        EmailEventType type,
        @Nullable String reason,
        String recipient,
        Instant at) {}
