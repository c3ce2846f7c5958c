package dev.outbound.channel;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a channel needs of a campaign to reach someone on its behalf. Owned here, not by
 * {@code campaign}, so that channels need not know campaigns: the campaign fills it in.
 *
 * @param from the number (or address) to send from: {@code caller_id}, else {@code source}
 * @param source the campaign's {@code source} as given (an email campaign's sender, when its
 *     domain is one the operator allows); never the {@code caller_id}
 * @param agentUrl where an answered call is handed to the agent: the campaign's {@code agent_url},
 *     else its agent's {@code voice_url}
 * @param smsAgentUrl where SMS replies go: the {@code sms_url} of the campaign's agent
 * @param voicemail the campaign's {@code voicemail_detection}, null when disabled
 * @param smsSessionTtlMinutes how long the agent keeps an SMS conversation open
 * @param variables the campaign's variables (a request's own variables win over these)
 * @param organizationId the campaign's organization (0 when unknown: tests, reconciling); an
 *     email's unsubscribe link names it
 * @param agentSipUri where the SIP channel hands an answered call: the {@code sip_uri} of the
 *     campaign's agent
 */
public record CampaignDelivery(
        @Nullable String from,
        @Nullable String source,
        @Nullable String agentUrl,
        @Nullable String smsAgentUrl,
        @Nullable VoicemailDetection voicemail,
        @Nullable Integer smsSessionTtlMinutes,
        Map<String, String> variables,
        long organizationId,
        @Nullable String agentSipUri) {

    public static final CampaignDelivery NONE = new CampaignDelivery(null, null, null, null, Map.of());

    public CampaignDelivery {
        variables = Map.copyOf(variables);
    }

    /** A campaign whose agent has no SIP URI. */
    public CampaignDelivery(
            @Nullable String from,
            @Nullable String source,
            @Nullable String agentUrl,
            @Nullable String smsAgentUrl,
            @Nullable VoicemailDetection voicemail,
            @Nullable Integer smsSessionTtlMinutes,
            Map<String, String> variables,
            long organizationId) {
        this(from, source, agentUrl, smsAgentUrl, voicemail, smsSessionTtlMinutes, variables, organizationId, null);
    }

    /** A campaign whose organization does not matter to the channel. */
    public CampaignDelivery(
            @Nullable String from,
            @Nullable String source,
            @Nullable String agentUrl,
            @Nullable String smsAgentUrl,
            @Nullable VoicemailDetection voicemail,
            @Nullable Integer smsSessionTtlMinutes,
            Map<String, String> variables) {
        this(from, source, agentUrl, smsAgentUrl, voicemail, smsSessionTtlMinutes, variables, 0);
    }

    /** A campaign without a separate source or an SMS agent (voice campaigns, tests). */
    public CampaignDelivery(
            @Nullable String from,
            @Nullable String agentUrl,
            @Nullable VoicemailDetection voicemail,
            @Nullable Integer smsSessionTtlMinutes,
            Map<String, String> variables) {
        this(from, null, agentUrl, null, voicemail, smsSessionTtlMinutes, variables);
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
