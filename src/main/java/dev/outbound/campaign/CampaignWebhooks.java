package dev.outbound.campaign;

import dev.outbound.channel.ChannelManagerStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Webhook delivery's view of a campaign's webhooks, with their secrets decrypted. */
@Service
public class CampaignWebhooks {
    private final CampaignWebhookRepository webhooks;
    private final WebhookSecrets secrets;

    CampaignWebhooks(CampaignWebhookRepository webhooks, WebhookSecrets secrets) {
        this.webhooks = webhooks;
        this.secrets = secrets;
    }

    /** The campaign's webhooks in the order the user gave them; empty for an unknown campaign. */
    @Transactional(readOnly = true)
    public List<WebhookTarget> forCampaign(long campaignId) {
        return webhooks.findByCampaign(campaignId).stream().map(this::target).toList();
    }

    /**
     * Each webhook's trigger statuses by webhook id, without decrypting secrets: status changes
     * consult this, and must not fail because a secret cannot be read.
     */
    @Transactional(readOnly = true)
    public Map<Long, Set<ChannelManagerStatus>> triggerStatuses(long campaignId) {
        var out = new LinkedHashMap<Long, Set<ChannelManagerStatus>>();
        webhooks.findByCampaign(campaignId).forEach(w -> out.put(w.id(), statuses(w.triggerStatuses())));
        return out;
    }

    /** Stored by their wire spelling, validated when written; one that no longer parses matches nothing. */
    private static Set<ChannelManagerStatus> statuses(List<String> stored) {
        var out = EnumSet.noneOf(ChannelManagerStatus.class);
        for (String s : stored) {
            ChannelManagerStatus status = ChannelManagerStatus.parse(s);
            if (status != null) {
                out.add(status);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** One webhook of a campaign, if it still exists. */
    @Transactional(readOnly = true)
    public Optional<WebhookTarget> find(long campaignId, long webhookId) {
        return webhooks.findByCampaign(campaignId).stream()
                .filter(w -> w.id() == webhookId)
                .findFirst()
                .map(this::target);
    }

    private WebhookTarget target(StoredWebhook w) {
        String secret = w.encryptedSecret();
        return new WebhookTarget(
                w.id(),
                w.campaignId(),
                w.url(),
                w.requestMethod(),
                w.triggerStatuses(),
                secret == null ? null : secrets.decrypt(secret));
    }
}
