package dev.outbound.campaign;

import static dev.outbound.testing.CampaignBuilder.aCampaign;
import static dev.outbound.testing.CampaignBuilder.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@StoreTest
class CampaignValidationTest {
    private static final String CAMPAIGNS = "/api/v1/outbound/campaigns";

    @LocalServerPort
    int port;

    /** The loc of every violation, as compact JSON, e.g. ["body","hourly_rate"]. */
    private List<String> locs(Object body) {
        var r = Api.at(port).post(CAMPAIGNS, body);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        var out = new ArrayList<String>();
        for (JsonNode d : r.json().path("detail")) {
            out.add(d.path("loc").toString());
        }
        return out;
    }

    private static String loc(Object... parts) {
        var sb = new StringBuilder("[\"body\"");
        for (Object p : parts) {
            sb.append(',').append(p instanceof String ? "\"" + p + "\"" : p);
        }
        return sb.append(']').toString();
    }

    @Test
    void a_missing_body_is_refused() {
        var r = Api.at(port).send("POST", CAMPAIGNS, "application/json", new byte[0]);
        assertThat(r.status()).isEqualTo(422);
    }

    @Test
    void the_required_fields_are_all_reported_at_once() {
        assertThat(locs(Map.of()))
                .containsExactlyInAnyOrder(
                        loc("campaign_name"), loc("campaign_variables"), loc("caller_id"), loc("active_days"));
    }

    @Test
    void several_wrong_values_are_reported_together() {
        var body = aCampaign()
                .named("  ")
                .with("hourly_rate", 0)
                .with("retry_count", 21)
                .with("mode", "fax")
                .with("active_days", List.of("mon", "someday"))
                .with("campaign_variables", Map.of("n", 1))
                .build();
        assertThat(locs(body))
                .containsExactlyInAnyOrder(
                        loc("campaign_name"),
                        loc("hourly_rate"),
                        loc("retry_count"),
                        loc("mode"),
                        loc("active_days", 1),
                        loc("campaign_variables", "n"));
    }

    @Test
    void hourly_rate_is_between_1_and_3600() {
        assertThat(locs(aCampaign().with("hourly_rate", 3601).build())).containsExactly(loc("hourly_rate"));
        assertThat(locs(aCampaign().with("hourly_rate", null).build())).containsExactly(loc("hourly_rate"));
        assertThat(locs(aCampaign().with("hourly_rate", "fast").build())).containsExactly(loc("hourly_rate"));
    }

    @Test
    void daily_hours_come_as_a_valid_pair_with_start_before_end() {
        assertThat(locs(aCampaign().with("daily_start_time", "9am").build())).contains(loc("daily_start_time"));
        assertThat(locs(aCampaign().with("daily_start_time", "09:00").build())).containsExactly(loc("daily_end_time"));
        assertThat(locs(aCampaign()
                        .with("daily_start_time", "17:00")
                        .with("daily_end_time", "09:00")
                        .build()))
                .containsExactly(loc("daily_end_time"));
    }

    @Test
    void retry_settings_are_checked() {
        assertThat(locs(aCampaign().with("retry_count", -1).build())).containsExactly(loc("retry_count"));
        assertThat(locs(aCampaign().with("retry_interval", "soon").build())).containsExactly(loc("retry_interval"));
        assertThat(locs(aCampaign().with("max_daily_calls", 0).build())).containsExactly(loc("max_daily_calls"));
        assertThat(locs(aCampaign().with("sms_session_ttl", 0).build())).containsExactly(loc("sms_session_ttl"));
    }

    @Test
    void labels_must_be_few_short_and_not_blank() {
        assertThat(locs(aCampaign()
                        .with("labels", List.of("ok", " ", "x".repeat(101)))
                        .build()))
                .containsExactly(loc("labels", 1), loc("labels", 2));
        assertThat(locs(aCampaign().with("labels", Collections.nCopies(51, "l")).build()))
                .containsExactly(loc("labels"));
    }

    @Test
    void source_and_caller_id_must_fit_the_mode() {
        assertThat(locs(aCampaign().with("source", "not a number").build())).containsExactly(loc("source"));
        assertThat(locs(aCampaign()
                        .with("mode", "email")
                        .with("source", "+14155550100")
                        .build()))
                .containsExactly(loc("source"));
        assertThat(locs(aCampaign().with("caller_id", "nobody").build())).containsExactly(loc("caller_id"));
        assertThat(Api.at(port)
                        .post(
                                CAMPAIGNS,
                                aCampaign()
                                        .with("mode", "email")
                                        .with("source", "news@example.com")
                                        .with("caller_id", "(415) 555-0100")
                                        .build())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void documents_are_checked_field_by_field() {
        var body = aCampaign()
                .with(
                        "voicemail_detection",
                        Map.of("mode", "v3", "voicemail_detection_overall_timeout", 0, "extra", "fine"))
                .with("allowed_line_types", List.of("mobile", "pager"))
                .with("include_unknown_line_types", "maybe")
                .with(
                        "target_filters",
                        Map.of(
                                "match",
                                "some",
                                "on_unknown",
                                "ignore",
                                "rules",
                                List.of(
                                        Map.of("field", "", "op", "in", "values", List.of("a")),
                                        Map.of("field", "line_type", "op", "like"),
                                        Map.of("field", "line_type", "op", "eq"))))
                .build();
        assertThat(locs(body))
                .containsExactlyInAnyOrder(
                        loc("voicemail_detection", "mode"),
                        loc("voicemail_detection", "voicemail_detection_overall_timeout"),
                        loc("allowed_line_types", 1),
                        loc("include_unknown_line_types"),
                        loc("target_filters", "match"),
                        loc("target_filters", "on_unknown"),
                        loc("target_filters", "rules", 0, "field"),
                        loc("target_filters", "rules", 1, "op"),
                        loc("target_filters", "rules", 2, "values"));
    }

    @Test
    void timezone_and_hours_in_are_checked() {
        assertThat(locs(aCampaign()
                        .with("timezone", "Mars/Olympus")
                        .with("hours_in", "mine")
                        .build()))
                .containsExactlyInAnyOrder(loc("timezone"), loc("hours_in"));
    }

    @Test
    void webhooks_are_checked_item_by_item() {
        String shortSecret = Base64.getEncoder().encodeToString(new byte[16]);
        var body = aCampaign()
                .withWebhook(aWebhook().to("http://hooks.example.com/x"))
                .withWebhook(aWebhook().to("https://127.0.0.1/x"))
                .withWebhook(aWebhook().to("https://localhost:8443/x"))
                .withWebhook(aWebhook().with("request_method", "GET"))
                .withWebhook(aWebhook().with("trigger_statuses", List.of()))
                .withWebhook(aWebhook().with("trigger_statuses", List.of("COMPLETED", "DONE")))
                .withWebhook(aWebhook().with("auth_values", Map.of("api_key", "x")))
                .withWebhook(aWebhook().withSecret(shortSecret))
                .withWebhook(aWebhook().without("url"))
                .build();
        List<String> locs = locs(body);
        assertThat(locs)
                .containsExactlyInAnyOrder(
                        loc("webhooks", 0, "url"),
                        loc("webhooks", 1, "url"),
                        loc("webhooks", 2, "url"),
                        loc("webhooks", 3, "request_method"),
                        loc("webhooks", 4, "trigger_statuses"),
                        loc("webhooks", 5, "trigger_statuses", 1),
                        loc("webhooks", 6, "auth_values", "api_key"),
                        loc("webhooks", 7, "auth_values", "hmac_secret"),
                        loc("webhooks", 8, "url"));
    }

    @Test
    void a_rejected_secret_is_not_echoed_in_the_error() {
        String secret =
                Base64.getEncoder().encodeToString("too short".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var r = Api.at(port)
                .post(
                        CAMPAIGNS,
                        aCampaign().withWebhook(aWebhook().withSecret(secret)).build());
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).doesNotContain(secret);
    }

    @Test
    void request_method_is_case_insensitive_and_stored_upper_case() {
        var r = Api.at(port)
                .post(
                        CAMPAIGNS,
                        aCampaign()
                                .withWebhook(aWebhook().with("request_method", "patch"))
                                .build());
        assertThat(r.json().path("webhooks").get(0).path("request_method").asString())
                .isEqualTo("PATCH");
    }
}
