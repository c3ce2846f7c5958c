package dev.outbound.campaign;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A webhook as delivery needs it, with its HMAC secret decrypted (null when it has none). Never
 * log or serialise one: {@link #toString()} leaves the secret out.
 */
public record WebhookTarget(
        long id,
        long campaignId,
        String url,
        String requestMethod,
        List<String> triggerStatuses,
        byte @Nullable [] hmacSecret) {

    public WebhookTarget {
        triggerStatuses = List.copyOf(triggerStatuses);
        hmacSecret = hmacSecret == null ? null : hmacSecret.clone();
    }

    @Override
    public byte @Nullable [] hmacSecret() {
        return hmacSecret == null ? null : hmacSecret.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WebhookTarget t
                && t.id == id
                && t.campaignId == campaignId
                && t.url.equals(url)
                && t.requestMethod.equals(requestMethod)
                && t.triggerStatuses.equals(triggerStatuses)
                && Arrays.equals(t.hmacSecret, hmacSecret);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "WebhookTarget[id=" + id + ", campaignId=" + campaignId + ", url=" + url + ", method="
                + requestMethod + ", triggers=" + triggerStatuses + ", secret=" + (hmacSecret == null ? "none" : "set")
                + "]";
    }
}
