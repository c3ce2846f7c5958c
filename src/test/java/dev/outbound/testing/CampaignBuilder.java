package dev.outbound.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Test data for OutboundCampaignInput bodies: a valid minimal campaign, changed field by field.
 * {@link #build()} answers a map that {@link Api} sends as JSON (null values are sent as null).
 */
public final class CampaignBuilder {
    private final Map<String, @Nullable Object> body = new LinkedHashMap<>();
    private final List<Map<String, @Nullable Object>> webhooks = new ArrayList<>();
    private boolean webhooksGiven;

    private CampaignBuilder() {
        body.put("campaign_name", "Spring reminders");
        body.put("campaign_variables", Map.of());
        body.put("caller_id", null);
        body.put("active_days", List.of("mon", "tue", "wed", "thu", "fri"));
    }

    public static CampaignBuilder aCampaign() {
        return new CampaignBuilder();
    }

    public CampaignBuilder named(String name) {
        return with("campaign_name", name);
    }

    public CampaignBuilder with(String field, @Nullable Object value) {
        body.put(field, value);
        return this;
    }

    public CampaignBuilder without(String field) {
        body.remove(field);
        return this;
    }

    public CampaignBuilder withWebhook(WebhookBuilder webhook) {
        webhooks.add(webhook.build());
        webhooksGiven = true;
        return this;
    }

    public Map<String, @Nullable Object> build() {
        var out = new LinkedHashMap<>(body);
        if (webhooksGiven) {
            out.put("webhooks", List.copyOf(webhooks));
        }
        return out;
    }

    public static WebhookBuilder aWebhook() {
        return new WebhookBuilder();
    }

    /** An OutboundCampaignWebhookInput. */
    public static final class WebhookBuilder {
        private final Map<String, @Nullable Object> body = new LinkedHashMap<>();

        private WebhookBuilder() {
            body.put("url", "https://hooks.example.com/outbound");
            body.put("request_method", "POST");
            body.put("trigger_statuses", List.of("COMPLETED"));
        }

        public WebhookBuilder to(String url) {
            return with("url", url);
        }

        public WebhookBuilder withId(long id) {
            return with("id", id);
        }

        /** {@code auth_values: {"hmac_secret": secret}}; null keeps the stored secret on update. */
        public WebhookBuilder withSecret(@Nullable String secret) {
            var auth = new LinkedHashMap<String, @Nullable Object>();
            auth.put("hmac_secret", secret);
            return with("auth_values", auth);
        }

        public WebhookBuilder with(String field, @Nullable Object value) {
            body.put(field, value);
            return this;
        }

        public WebhookBuilder without(String field) {
            body.remove(field);
            return this;
        }

        public Map<String, @Nullable Object> build() {
            return new LinkedHashMap<>(body);
        }
    }
}
