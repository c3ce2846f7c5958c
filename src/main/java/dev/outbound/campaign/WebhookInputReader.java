package dev.outbound.campaign;

import dev.outbound.api.JsonFields;
import dev.outbound.channel.ChannelManagerStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Reads the {@code webhooks} list of a campaign input (OutboundCampaignWebhookInput items). */
@Component
class WebhookInputReader {
    static final int MAX_WEBHOOKS = 50;
    static final String HMAC_SECRET = "hmac_secret";
    private static final List<String> METHODS = List.of("POST", "PUT", "PATCH");
    private static final int MAX_URL = 2048;

    private final boolean allowPrivate;

    WebhookInputReader(WebhookProperties properties) {
        this.allowPrivate = properties.allowPrivate();
    }

    List<WebhookInput> read(JsonFields body) {
        if (body.isNull("webhooks")) {
            body.fail("webhooks", "Input should be a valid list", "list_type");
            return List.of();
        }
        List<JsonFields> items = body.objects("webhooks", false);
        if (items == null) {
            return List.of();
        }
        if (items.size() > MAX_WEBHOOKS) {
            body.fail("webhooks", "List should have at most " + MAX_WEBHOOKS + " items", "too_long");
        }
        var out = new ArrayList<WebhookInput>();
        var ids = new java.util.HashSet<Long>();
        for (JsonFields w : items) {
            WebhookInput in = one(w);
            if (in != null && in.id() != null && !ids.add(in.id())) {
                w.fail("id", "Webhook " + in.id() + " is listed twice", "value_error");
            }
            if (in != null) {
                out.add(in);
            }
        }
        return out;
    }

    private @Nullable WebhookInput one(JsonFields w) {
        Long id = w.longValue("id", false);
        String url = w.string("url", true);
        if (url != null) {
            String problem = url.length() > MAX_URL
                    ? "url must be at most " + MAX_URL + " characters"
                    : WebhookUrls.problem(url, allowPrivate);
            if (problem != null) {
                w.fail("url", problem, "value_error");
            }
        }
        String method = w.string("request_method", true);
        String upper = CampaignValues.choose(w, "request_method", method, METHODS);
        List<String> statuses = statuses(w);
        SecretChange secret = secret(w);
        if (url == null || upper == null || statuses == null || secret == null) {
            return null;
        }
        return new WebhookInput(id, url.trim(), upper, statuses, secret);
    }

    private static @Nullable List<String> statuses(JsonFields w) {
        List<String> given = w.stringList("trigger_statuses", true);
        if (given == null) {
            if (w.isNull("trigger_statuses")) {
                w.fail("trigger_statuses", "Input should be a valid list", "list_type");
            }
            return null;
        }
        if (given.isEmpty()) {
            w.fail("trigger_statuses", "List should have at least 1 item after validation, not 0", "too_short");
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            ChannelManagerStatus status = ChannelManagerStatus.parse(given.get(i));
            if (status != null) {
                out.add(status.wire());
            } else {
                w.violations()
                        .add(
                                w.at("trigger_statuses", i),
                                "Input should be a ChannelManagerStatus such as 'COMPLETED' or 'FAILED'",
                                "enum");
            }
        }
        return List.copyOf(out);
    }

    private static @Nullable SecretChange secret(JsonFields w) {
        var values = w.stringMap("auth_values", false, true);
        if (values == null) {
            return new SecretChange.Remove();
        }
        for (String key : values.keySet()) {
            if (!key.equals(HMAC_SECRET)) {
                w.violations()
                        .add(w.at("auth_values", key), "Only 'hmac_secret' is allowed in auth_values", "value_error");
            }
        }
        if (!values.containsKey(HMAC_SECRET)) {
            return new SecretChange.Remove();
        }
        String value = values.get(HMAC_SECRET);
        if (value == null) {
            return new SecretChange.Keep();
        }
        try {
            return new SecretChange.Replace(CampaignValues.decodeSecret(value));
        } catch (IllegalArgumentException e) {
            w.violations().add(w.at("auth_values", HMAC_SECRET), String.valueOf(e.getMessage()), "value_error");
            return null;
        }
    }
}
