package dev.outbound.channel;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to reach one person.
 *
 * @param requestId the request attempted
 * @param attemptNo 1 for the first attempt, 2 for the first retry...
 * @param idempotencyKey unique per attempt; a provider that sees it twice must not dial twice
 * @param mode voice, sms or email
 * @param target E.164 number or email address
 * @param from caller id / source of the campaign, if any
 * @param variables request variables over campaign variables, for the agent
 * @param campaign what the provider needs of the campaign (agent URL, voicemail detection...)
 */
public record ChannelAttempt(
        long requestId,
        int attemptNo,
        String idempotencyKey,
        Mode mode,
        String target,
        @Nullable String from,
        Map<String, String> variables,
        CampaignDelivery campaign) {

    public ChannelAttempt {
        variables = Map.copyOf(variables);
    }

    /** An attempt of a campaign that asks nothing particular of the provider. */
    public ChannelAttempt(
            long requestId,
            int attemptNo,
            String idempotencyKey,
            Mode mode,
            String target,
            @Nullable String from,
            Map<String, String> variables) {
        this(requestId, attemptNo, idempotencyKey, mode, target, from, variables, CampaignDelivery.NONE);
    }
}
