package dev.outbound.channel;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a channel needs of a campaign to reach someone on its behalf. Owned here, not by
 * {@code campaign}, so that channels need not know campaigns: the campaign fills it in.
 *
 * @param from the number (or address) to send from: {@code caller_id}, else {@code source}
 * @param agentUrl where an answered call is handed to the agent ({@code agent_url} extension)
 * @param voicemail the campaign's {@code voicemail_detection}, null when disabled
 * @param smsSessionTtlMinutes how long the agent keeps an SMS conversation open
 * @param variables the campaign's variables (a request's own variables win over these)
 */
public record CampaignDelivery(
        @Nullable String from,
        @Nullable String agentUrl,
        @Nullable VoicemailDetection voicemail,
        @Nullable Integer smsSessionTtlMinutes,
        Map<String, String> variables) {

    public static final CampaignDelivery NONE = new CampaignDelivery(null, null, null, null, Map.of());

    public CampaignDelivery {
        variables = Map.copyOf(variables);
    }

    /**
     * The campaign's voicemail detection, timeouts in seconds as stored.
     *
     * @param mode "v1" or "v2" (v1 when not given)
     */
    public record VoicemailDetection(
            String mode,
            @Nullable Double overallTimeout,
            @Nullable Double preSpeechTimeout,
            @Nullable Double postSpeechTimeout,
            @Nullable Double speechThreshold,
            @Nullable Double v2PreSpeechTimeout) {}
}
