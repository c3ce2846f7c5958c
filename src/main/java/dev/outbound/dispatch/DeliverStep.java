package dev.outbound.dispatch;

import dev.outbound.campaign.CampaignNotFound;
import dev.outbound.channel.CampaignDelivery;
import dev.outbound.channel.Channel;
import dev.outbound.channel.ChannelAttempt;
import dev.outbound.channel.ChannelOutcomeUnknown;
import dev.outbound.channel.ChannelRefused;
import dev.outbound.channel.ChannelUnavailable;
import dev.outbound.channel.Channels;
import dev.outbound.channel.RecipientUnsubscribed;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.Claims;
import dev.outbound.request.SidUpdate;
import java.time.Clock;
import java.util.ArrayList;
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
    private final Claims lifecycle;
    private final OutcomeRecorder recorder;
    private final JsonMapper json;
    private final InFlight inFlight;
    private final RulesCache campaigns;
    private final UnsubscribedRecipients unsubscribed;
    private final Clock clock;

    DeliverStep(
            Channels channels,
            Claims lifecycle,
            OutcomeRecorder recorder,
            JsonMapper json,
            InFlight inFlight,
            RulesCache campaigns,
            UnsubscribedRecipients unsubscribed,
            Clock clock) {
        this.channels = channels;
        this.lifecycle = lifecycle;
        this.recorder = recorder;
        this.json = json;
        this.inFlight = inFlight;
        this.campaigns = campaigns;
        this.unsubscribed = unsubscribed;
        this.clock = clock;
    }

    /** Hands over every claim's requests; the providers' ids are recorded in one transaction. */
    void deliver(List<ClaimStep.Claim> claims) {
        var sids = new ArrayList<SidUpdate>();
        for (ClaimStep.Claim claim : claims) {
            deliver(claim.grant(), claim.requests(), sids);
        }
        try {
            lifecycle.attachSids(sids);
        } catch (RuntimeException e) {
            // The attempts are under way and their outcomes will still be recorded; only the
            // sids are missing. Failing here would leave the rest of the tick undone.
            log.warn("Could not record the sids of {} attempts: {}", sids.size(), e.toString());
        }
    }

    private void deliver(Grant grant, List<ClaimedRequest> claimed, List<SidUpdate> sids) {
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
            inFlight.started(c.id());
            try {
                sids.add(new SidUpdate(c.id(), c.attemptNo(), channel.start(attempt, recorder)));
            } catch (RecipientUnsubscribed e) {
                inFlight.ended(c.id());
                unsubscribed.refused(grant.rules().organizationId(), c, channel.name(), String.valueOf(e.getMessage()));
            } catch (ChannelRefused e) {
                recorder.refused(c, e.getMessage());
            } catch (ChannelOutcomeUnknown e) {
                // Maybe placed: neither voided nor renewed; the reconciler asks the provider.
                inFlight.ended(c.id());
                log.warn("Channel {} may have started request {}: {}", channel.name(), c.id(), e.getMessage());
                lifecycle.handOver(c.id(), c.attemptNo(), null, clock.instant());
            } catch (ChannelUnavailable e) {
                inFlight.ended(c.id());
                notStarted(c);
            } catch (RuntimeException e) {
                inFlight.ended(c.id());
                if (StoreTrouble.is(e)) {
                    log.warn("Channel {} could not start request {}: {}", channel.name(), c.id(), e.toString());
                    notStarted(c);
                } else {
                    // A fault of ours, not the provider's or the person's: trying again would
                    // repeat it, so the request ends and says what went wrong.
                    log.error("Channel {} failed to start request {}", channel.name(), c.id(), e);
                    recorder.unexpected(c, e);
                }
            }
        }
    }

    private void notStarted(ClaimedRequest c) {
        try {
            recorder.notStarted(c);
        } catch (RuntimeException e) {
            if (!StoreTrouble.is(e)) {
                throw e;
            }
            // The store is away: no longer in flight, its lease runs out and LeaseKeeper takes it back.
            log.warn("Could not void the unstarted attempt of request {}: {}", c.id(), e.toString());
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
