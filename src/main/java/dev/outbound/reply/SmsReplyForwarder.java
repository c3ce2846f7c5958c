package dev.outbound.reply;

import dev.outbound.batch.Batch;
import dev.outbound.batch.BatchDispatch;
import dev.outbound.campaign.CampaignNotFound;
import dev.outbound.campaign.Campaigns;
import dev.outbound.channel.AgentHosts;
import dev.outbound.channel.CampaignDelivery;
import dev.outbound.request.SentRequest;
import dev.outbound.request.read.RequestResults;
import dev.outbound.request.read.ResultRow;
import dev.outbound.suppression.SmsReplyReceived;
import dev.outbound.suppression.Suppressions;
import dev.outbound.webhook.TargetedOutbox;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forwards a reply that is no keyword to the agent of the conversation it continues: the latest
 * SMS request sent to the person ({@link SmsSessions}), if its last text is no older than the
 * campaign's {@code sms_session_ttl} minutes ({@code OUTBOUND_SMS_SESSION_TTL} when null) and the
 * campaign has an agent SMS URL. The forward is an outbox event, delivered like a webhook. Other
 * replies are dropped, logged without their words, and counted.
 */
@Service
class SmsReplyForwarder {
    private static final Logger log = LoggerFactory.getLogger(SmsReplyForwarder.class);
    private final SmsSessions sessions;
    private final Suppressions numbers;
    private final BatchDispatch batches;
    private final Campaigns campaigns;
    private final RequestResults requests;
    private final TargetedOutbox outbox;
    private final ReplyMetrics metrics;
    private final ReplyProperties properties;
    private final JsonMapper mapper;
    private final AgentHosts hosts;

    SmsReplyForwarder(
            SmsSessions sessions,
            Suppressions numbers,
            BatchDispatch batches,
            Campaigns campaigns,
            RequestResults requests,
            TargetedOutbox outbox,
            ReplyMetrics metrics,
            ReplyProperties properties,
            JsonMapper mapper,
            AgentHosts hosts) {
        this.hosts = hosts;
        if (!outbox.signed()) {
            log.warn("OUTBOUND_WEBHOOKS_AGENT_SECRET is not set: SMS replies forwarded to agents go unsigned");
        }
        this.sessions = sessions;
        this.numbers = numbers;
        this.batches = batches;
        this.campaigns = campaigns;
        this.requests = requests;
        this.outbox = outbox;
        this.metrics = metrics;
        this.properties = properties;
        this.mapper = mapper;
    }

    @EventListener
    void on(SmsReplyReceived reply) {
        ReplyResult result = forward(reply);
        metrics.count(result);
        log.info("SMS reply from {} to {}: {}", masked(reply.from()), reply.to(), result.tag());
    }

    private ReplyResult forward(SmsReplyReceived reply) {
        String person = numbers.key(reply.from());
        String ours = numbers.key(reply.to());
        if (person == null || person.indexOf('@') >= 0) {
            return ReplyResult.NO_SESSION;
        }
        Optional<SentRequest> latest =
                sessions.latest(person, typed -> ours != null && ours.equals(numbers.key(typed)));
        if (latest.isEmpty()) {
            return ReplyResult.NO_SESSION;
        }
        SentRequest sent = latest.get();
        Optional<Batch> batch = batches.byPk(sent.batchPk());
        Optional<ResultRow> row = requests.snapshot(sent.id());
        if (batch.isEmpty() || row.isEmpty()) {
            return ReplyResult.NO_SESSION;
        }
        CampaignDelivery delivery = delivery(batch.get());
        Duration ttl = delivery == null || delivery.smsSessionTtlMinutes() == null
                ? properties.sessionTtl()
                : Duration.ofMinutes(delivery.smsSessionTtlMinutes());
        if (reply.receivedAt().isAfter(sent.sentAt().plus(ttl))) {
            return ReplyResult.EXPIRED;
        }
        String url = delivery == null ? null : delivery.smsAgentUrl();
        if (url == null || url.isBlank()) {
            return ReplyResult.NO_AGENT;
        }
        if (!hosts.allows(url.strip())) {
            // Checked at save too; the operator may have taken the host off the list since.
            return ReplyResult.HOST_NOT_ALLOWED;
        }
        String eventId = UUID.randomUUID().toString();
        var session = new ReplyPayload.Session(
                sent.id(),
                row.get().referenceId(),
                batch.get().campaignId(),
                batch.get().batchId(),
                row.get().sentAt(),
                row.get().requestVariablesJson());
        String payload = ReplyPayload.of(mapper, eventId, reply, session);
        outbox.add(
                eventId,
                ReplyPayload.TYPE,
                batch.get().campaignId(),
                sent.id(),
                url.strip(),
                payload,
                reply.receivedAt());
        return ReplyResult.FORWARDED;
    }

    /** The campaign's delivery settings; null once the campaign is deleted. */
    private @Nullable CampaignDelivery delivery(Batch batch) {
        try {
            return campaigns.delivery(batch.organizationId(), batch.campaignId());
        } catch (CampaignNotFound e) {
            return null;
        }
    }

    /** The last 4 digits only: a phone number is personal data. */
    private static String masked(String number) {
        String s = number.strip();
        return s.length() <= 4 ? "****" : "***" + s.substring(s.length() - 4);
    }
}
