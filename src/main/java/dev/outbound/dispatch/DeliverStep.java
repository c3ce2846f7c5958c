package dev.outbound.dispatch;

import dev.outbound.campaign.CampaignDelivery;
import dev.outbound.campaign.CampaignNotFound;
import dev.outbound.channel.Channel;
import dev.outbound.channel.ChannelAttempt;
import dev.outbound.channel.ChannelOutcomeUnknown;
import dev.outbound.channel.ChannelRefused;
import dev.outbound.channel.ChannelUnavailable;
import dev.outbound.channel.Channels;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.RequestLifecycle;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Step 3: hands each claimed request to its mode's channel; outcomes come back to the recorder. */
@Component
class DeliverStep {
    private static final Logger log = LoggerFactory.getLogger(DeliverStep.class);
    private static final TypeReference<Map<String, String>> VARIABLES = new TypeReference<>() {};
    private final Channels channels;
    private final RequestLifecycle lifecycle;
    private final OutcomeRecorder recorder;
    private final JsonMapper json;
    private final RulesCache campaigns;
    private final java.time.Clock clock;

    DeliverStep(
            Channels channels,
            RequestLifecycle lifecycle,
            OutcomeRecorder recorder,
            JsonMapper json,
            RulesCache campaigns,
            java.time.Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
        this.channels = channels;
        this.lifecycle = lifecycle;
        this.recorder = recorder;
        this.json = json;
    }

    void deliver(Grant grant, List<ClaimedRequest> claimed) {
        Channel channel = channels.forMode(grant.rules().mode());
        CampaignDelivery campaign = campaign(grant);
        for (ClaimedRequest c : claimed) {
            var attempt = new ChannelAttempt(
                    c.id(),
                    c.attemptNo(),
                    c.idempotencyKey(),
                    grant.rules().mode(),
                    c.target(),
                    campaign.from(),
                    json.readValue(c.variablesJson(), VARIABLES),
                    campaign);
            try {
                lifecycle.attachSid(c.id(), c.attemptNo(), channel.start(attempt, recorder));
            } catch (ChannelRefused e) {
                recorder.refused(c, e.getMessage());
            } catch (ChannelOutcomeUnknown e) {
                // Maybe placed: neither voided nor renewed; the reconciler asks the provider.
                log.warn("Channel {} may have started request {}: {}", channel.name(), c.id(), e.getMessage());
                lifecycle.handOver(c.id(), c.attemptNo(), null, clock.instant());
            } catch (ChannelUnavailable e) {
                recorder.notStarted(c);
            } catch (RuntimeException e) {
                log.warn("Channel {} failed to start request {}: {}", channel.name(), c.id(), e.toString());
                recorder.notStarted(c);
            }
        }
    }

    private CampaignDelivery campaign(Grant grant) {
        try {
            return campaigns.delivery(
                    grant.rules().organizationId(), grant.rules().id());
        } catch (CampaignNotFound gone) {
            return CampaignDelivery.NONE;
        }
    }
}
