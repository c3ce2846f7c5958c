package dev.outbound.campaign;

import java.util.List;
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
        return webhooks.findByCampaign(campaignId).stream()
                .map(w -> new WebhookTarget(
                        w.id(),
                        w.campaignId(),
                        w.url(),
                        w.requestMethod(),
                        w.triggerStatuses(),
                        w.encryptedSecret() == null ? null : secrets.decrypt(w.encryptedSecret())))
                .toList();
    }
}
