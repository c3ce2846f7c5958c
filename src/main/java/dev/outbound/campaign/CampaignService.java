package dev.outbound.campaign;

import dev.outbound.agent.Agent;
import dev.outbound.api.Conflict;
import dev.outbound.api.InvalidInput;
import dev.outbound.api.ListQuery;
import dev.outbound.api.ListResponse;
import dev.outbound.auth.Caller;
import dev.outbound.channel.CampaignDelivery;
import dev.outbound.channel.Mode;
import dev.outbound.contact.ContactLimit;
import dev.outbound.store.Instants;
import dev.outbound.store.ListSql;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Campaign use cases, every one scoped to the caller's organization. */
@Service
class CampaignService implements Campaigns {
    static final List<String> PROPERTIES = List.of(
            "id",
            "campaign_name",
            "campaign_variables",
            "daily_start_time",
            "daily_end_time",
            "source",
            "mode",
            "caller_id",
            "updated_at",
            "label",
            "labels",
            "voicemail_detection");
    private static final Map<String, ListSql.Column> COLUMNS = Map.ofEntries(
            Map.entry("id", new ListSql.Column("id", ListSql.Match.NUMBER)),
            Map.entry("campaign_name", new ListSql.Column("campaign_name", ListSql.Match.CONTAINS)),
            Map.entry("campaign_variables", new ListSql.Column("campaign_variables", ListSql.Match.CONTAINS)),
            Map.entry("daily_start_time", new ListSql.Column("daily_start_time", ListSql.Match.EQUALS)),
            Map.entry("daily_end_time", new ListSql.Column("daily_end_time", ListSql.Match.EQUALS)),
            Map.entry("source", new ListSql.Column("source", ListSql.Match.CONTAINS)),
            Map.entry("mode", new ListSql.Column("mode", ListSql.Match.EQUALS)),
            Map.entry("caller_id", new ListSql.Column("caller_id", ListSql.Match.CONTAINS)),
            Map.entry("updated_at", new ListSql.Column("updated_at", ListSql.Match.TIME)),
            Map.entry("label", new ListSql.Column("label", ListSql.Match.CONTAINS)),
            Map.entry("labels", new ListSql.Column("labels", ListSql.Match.CONTAINS)),
            Map.entry("voicemail_detection", new ListSql.Column("voicemail_detection", ListSql.Match.CONTAINS)));

    private final CampaignRepository campaigns;
    private final CampaignWebhookRepository webhooks;
    private final WebhookSecrets secrets;
    private final List<CampaignDeletionGuard> guards;
    private final CampaignAgents agents;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CampaignService(
            CampaignRepository campaigns,
            CampaignWebhookRepository webhooks,
            WebhookSecrets secrets,
            List<CampaignDeletionGuard> guards,
            CampaignAgents agents,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.agents = agents;
        this.campaigns = campaigns;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.guards = List.copyOf(guards);
        this.clock = clock;
    }

    @Transactional
    CampaignView create(Caller caller, CampaignInput input) {
        agents.check(caller.organizationId(), input.settings());
        long id = campaigns.insert(caller.organizationId(), input.settings(), Instants.now(clock), caller.userEmail());
        writeWebhooks(id, input.webhooks(), Map.of());
        return get(caller, id);
    }

    @Transactional(readOnly = true)
    CampaignView get(Caller caller, long id) {
        Campaign c = find(caller.organizationId(), id);
        return CampaignView.of(c, webhooks.findByCampaign(id));
    }

    /** Full replace: settings, and webhooks matched by id (unlisted ones are deleted). */
    @Transactional
    CampaignView replace(Caller caller, long id, CampaignInput input) {
        Campaign current = find(caller.organizationId(), id);
        agents.check(caller.organizationId(), input.settings());
        Map<Long, StoredWebhook> existing =
                webhooks.findByCampaign(id).stream().collect(Collectors.toMap(StoredWebhook::id, Function.identity()));
        for (int i = 0; i < input.webhooks().size(); i++) {
            Long webhookId = input.webhooks().get(i).id();
            if (webhookId != null && !existing.containsKey(webhookId)) {
                throw InvalidInput.of(
                        "Webhook " + webhookId + " is not a webhook of campaign " + id,
                        "value_error",
                        "body",
                        "webhooks",
                        i,
                        "id");
            }
        }
        Instant now = Instants.now(clock);
        if (!campaigns.update(
                caller.organizationId(), id, current.version(), input.settings(), now, caller.userEmail())) {
            throw new Conflict("Campaign " + id + " was changed by another request; read it again and retry");
        }
        writeWebhooks(id, input.webhooks(), existing);
        return get(caller, id);
    }

    @Transactional(readOnly = true)
    ListResponse<CampaignView> list(Caller caller, ListQuery query) {
        ListSql.Built where = ListSql.build(query, COLUMNS, "created_at", "created_at", "id");
        List<Campaign> page = campaigns.list(caller.organizationId(), where, query.limit(), query.offset());
        long total = campaigns.count(caller.organizationId(), where);
        Map<Long, List<StoredWebhook>> hooks =
                webhooks.findByCampaigns(page.stream().map(Campaign::id).toList()).stream()
                        .collect(Collectors.groupingBy(StoredWebhook::campaignId));
        List<CampaignView> items = page.stream()
                .map(c -> CampaignView.of(c, hooks.getOrDefault(c.id(), List.of())))
                .toList();
        return ListResponse.of(items, query, total);
    }

    @Transactional
    void delete(Caller caller, long id) {
        find(caller.organizationId(), id);
        for (CampaignDeletionGuard guard : guards) {
            Optional<String> reason = guard.blockingReason(caller.organizationId(), id);
            if (reason.isPresent()) {
                throw new Conflict(reason.get());
            }
        }
        webhooks.deleteByCampaign(id);
        events.publishEvent(new CampaignWebhooksChanged(id));
        if (!campaigns.delete(caller.organizationId(), id, clock.instant())) {
            throw new CampaignNotFound(id);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public CampaignRules rules(long organizationId, long campaignId) {
        CampaignSettings s = find(organizationId, campaignId).settings();
        Mode mode = s.mode() == null ? null : Mode.parse(s.mode());
        String interval = s.retryInterval();
        return new CampaignRules(
                campaignId,
                organizationId,
                mode == null ? Mode.VOICE : mode,
                s.timezone(),
                s.hoursIn(),
                new HashSet<>(s.activeDays()),
                s.dailyStart(),
                s.dailyEnd(),
                s.hourlyRate(),
                s.maxDailyCalls(),
                s.retryCount(),
                interval == null ? null : CampaignValues.parseRetryInterval(interval),
                new Targeting(
                        s.allowedLineTypes() == null ? List.of() : s.allowedLineTypes(),
                        s.includeUnknownLineTypes(),
                        s.targetFilters()),
                s.contactLimit() == null ? ContactLimit.NONE : s.contactLimit(),
                s.duplicateTargets(),
                s.retryRules(),
                s.restrictedDates(),
                s.maxConcurrent());
    }

    @Override
    @Transactional(readOnly = true)
    public CampaignDelivery delivery(long organizationId, long campaignId) {
        CampaignSettings s = find(organizationId, campaignId).settings();
        String from = s.callerId() != null && !s.callerId().isBlank() ? s.callerId() : s.source();
        Optional<Agent> agent = agents.of(organizationId, s);
        return new CampaignDelivery(
                from,
                s.source(),
                CampaignAgents.voiceUrl(s, agent),
                agent.map(Agent::smsUrl).orElse(null),
                voicemail(s.voicemailDetection()),
                s.smsSessionTtl(),
                s.variables(),
                organizationId,
                agent.map(Agent::sipUri).orElse(null));
    }

    private static CampaignDelivery.@Nullable VoicemailDetection voicemail(@Nullable ObjectNode v) {
        if (v == null) {
            return null;
        }
        JsonNode mode = v.get("mode");
        return new CampaignDelivery.VoicemailDetection(
                mode != null && mode.isString() ? mode.asString() : "v1",
                number(v, "voicemail_detection_overall_timeout"),
                number(v, "voicemail_detection_pre_speech_timeout"),
                number(v, "voicemail_detection_post_speech_timeout"),
                number(v, "voicemail_detection_speech_threshold"),
                number(v, "voicemail_detection_v2_pre_speech_timeout"));
    }

    private static @Nullable Double number(ObjectNode v, String key) {
        JsonNode n = v.get(key);
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    private Campaign find(long organizationId, long id) {
        return campaigns.find(organizationId, id).orElseThrow(() -> new CampaignNotFound(id));
    }

    private void writeWebhooks(long campaignId, List<WebhookInput> inputs, Map<Long, StoredWebhook> existing) {
        var kept = new HashSet<Long>();
        for (int i = 0; i < inputs.size(); i++) {
            WebhookInput w = inputs.get(i);
            StoredWebhook current = w.id() == null ? null : existing.get(w.id());
            String secret = secret(w.secret(), current);
            if (current == null) {
                webhooks.insert(campaignId, w, secret, i);
            } else {
                kept.add(current.id());
                webhooks.update(current.id(), campaignId, w, secret, i);
            }
        }
        for (Long id : existing.keySet()) {
            if (!kept.contains(id)) {
                webhooks.delete(id, campaignId);
            }
        }
        events.publishEvent(new CampaignWebhooksChanged(campaignId));
    }

    private @Nullable String secret(SecretChange change, @Nullable StoredWebhook current) {
        return switch (change) {
            case SecretChange.Keep k -> current == null ? null : current.encryptedSecret();
            case SecretChange.Remove r -> null;
            case SecretChange.Replace r -> secrets.encrypt(r.secret());
        };
    }
}
