package dev.outbound.campaign;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A row of {@code campaign_webhook}; the secret stays encrypted until delivery needs it. */
record StoredWebhook(
        long id,
        long campaignId,
        String url,
        String requestMethod,
        List<String> triggerStatuses,
        @Nullable String encryptedSecret,
        int sortOrder) {

    StoredWebhook {
        triggerStatuses = List.copyOf(triggerStatuses);
    }

    @Override
    public String toString() {
        return "StoredWebhook[id=" + id + ", campaignId=" + campaignId + ", url=" + url + "]";
    }
}
