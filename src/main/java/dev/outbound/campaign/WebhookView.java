package dev.outbound.campaign;

import java.util.List;

/** OutboundCampaignWebhookResponse: which auth values are stored, never the values. */
record WebhookView(
        long id, String url, String requestMethod, List<String> triggerStatuses, List<String> authValueKeys) {

    static WebhookView of(StoredWebhook w) {
        return new WebhookView(
                w.id(),
                w.url(),
                w.requestMethod(),
                w.triggerStatuses(),
                w.encryptedSecret() == null ? List.of() : List.of("hmac_secret"));
    }
}
