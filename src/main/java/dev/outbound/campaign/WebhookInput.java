package dev.outbound.campaign;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One validated webhook of a campaign input; {@code id} names an existing webhook to update. */
record WebhookInput(
        @Nullable Long id, String url, String requestMethod, List<String> triggerStatuses, SecretChange secret) {
    WebhookInput {
        triggerStatuses = List.copyOf(triggerStatuses);
    }
}
