package dev.outbound.campaign;

import static dev.outbound.testing.CampaignBuilder.aCampaign;
import static dev.outbound.testing.CampaignBuilder.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.Mode;
import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@StoreTest
class CampaignApiTest {
    private static final String CAMPAIGNS = "/api/v1/outbound/campaigns";

    @LocalServerPort
    int port;

    @Autowired
    Campaigns campaigns;

    @Autowired
    JdbcClient jdbc;

    private Api api() {
        return Api.at(port);
    }

    private long agentId;

    /** An agent of the caller's organization: a campaign's agent_id must name one. */
    private long agentId() {
        if (agentId == 0) {
            var r = api().post("/api/v1/outbound/agents", Map.of("name", "Front desk"));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            agentId = r.json().path("id").asLong();
        }
        return agentId;
    }

    private Map<String, Object> everyField() {
        return Map.ofEntries(
                Map.entry("campaign_name", "Flu shots 2026"),
                Map.entry("description", "Reminders for the autumn flu clinic"),
                Map.entry("mode", "sms"),
                Map.entry("sms_session_ttl", 720),
                Map.entry("label", "legacy"),
                Map.entry("labels", List.of("health", "autumn")),
                Map.entry("campaign_variables", Map.of("clinic", "North", "phone", "555-0100")),
                Map.entry("daily_start_time", "09:00"),
                Map.entry("daily_end_time", "17:30:00"),
                Map.entry("source", "+14155550100"),
                Map.entry("caller_id", "+14155550101"),
                Map.entry("hourly_rate", 120),
                Map.entry("max_daily_calls", 2500),
                Map.entry("retry_count", 2),
                Map.entry("retry_interval", "30m"),
                Map.entry("active_days", List.of("fri", "mon", "mon", "wed")),
                Map.entry(
                        "voicemail_detection",
                        Map.of(
                                "mode",
                                "v2",
                                "voicemail_detection_overall_timeout",
                                30.0,
                                "voicemail_detection_post_speech_timeout",
                                1.75,
                                "future_knob",
                                "kept")),
                Map.entry("allowed_line_types", List.of("mobile", "voip")),
                Map.entry("include_unknown_line_types", false),
                Map.entry(
                        "target_filters",
                        Map.of(
                                "match",
                                "any",
                                "on_unknown",
                                "exclude",
                                "rules",
                                List.of(
                                        Map.of("field", "line_type", "op", "in", "values", List.of("landline")),
                                        Map.of("field", "carrier_name", "op", "exists")))),
                Map.entry("agent_id", agentId()),
                Map.entry("timezone", "America/Chicago"),
                Map.entry("hours_in", "recipient"),
                Map.entry("unknown_field", "ignored"),
                Map.entry(
                        "webhooks",
                        List.of(aWebhook()
                                .with("request_method", "put")
                                .with("trigger_statuses", List.of("COMPLETED", "FAILED"))
                                .build())));
    }

    @Test
    void a_created_campaign_reads_back_with_every_field() {
        Instant before = Instant.now().minusSeconds(1);
        var created = api().post(CAMPAIGNS, everyField());
        assertThat(created.status()).isEqualTo(200);
        JsonNode c = created.json();
        long id = c.path("id").asLong();

        var got = api().get(CAMPAIGNS + "/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json()).isEqualTo(c);

        assertThat(c.path("campaign_name").asString()).isEqualTo("Flu shots 2026");
        assertThat(c.path("description").asString()).isEqualTo("Reminders for the autumn flu clinic");
        assertThat(c.path("mode").asString()).isEqualTo("sms");
        assertThat(c.path("sms_session_ttl").asInt()).isEqualTo(720);
        assertThat(c.path("label").asString()).isEqualTo("legacy");
        assertThat(strings(c.path("labels"))).containsExactly("health", "autumn");
        assertThat(c.path("campaign_variables").path("clinic").asString()).isEqualTo("North");
        assertThat(c.path("campaign_variables").path("phone").asString()).isEqualTo("555-0100");
        assertThat(c.path("daily_start_time").asString()).isEqualTo("09:00:00");
        assertThat(c.path("daily_end_time").asString()).isEqualTo("17:30:00");
        assertThat(c.path("source").asString()).isEqualTo("+14155550100");
        assertThat(c.path("caller_id").asString()).isEqualTo("+14155550101");
        assertThat(c.path("hourly_rate").asInt()).isEqualTo(120);
        assertThat(c.path("max_daily_calls").asInt()).isEqualTo(2500);
        assertThat(c.path("retry_count").asInt()).isEqualTo(2);
        assertThat(c.path("retry_interval").asString()).isEqualTo("30m");
        assertThat(strings(c.path("active_days"))).containsExactly("mon", "wed", "fri");
        JsonNode vd = c.path("voicemail_detection");
        assertThat(vd.path("mode").asString()).isEqualTo("v2");
        assertThat(vd.path("voicemail_detection_overall_timeout").asDouble()).isEqualTo(30.0);
        assertThat(vd.path("voicemail_detection_post_speech_timeout").asDouble())
                .isEqualTo(1.75);
        assertThat(vd.path("future_knob").asString()).isEqualTo("kept");
        assertThat(strings(c.path("allowed_line_types"))).containsExactly("mobile", "voip");
        assertThat(c.path("include_unknown_line_types").asBoolean()).isFalse();
        JsonNode tf = c.path("target_filters");
        assertThat(tf.path("match").asString()).isEqualTo("any");
        assertThat(tf.path("on_unknown").asString()).isEqualTo("exclude");
        assertThat(tf.path("rules").get(0).path("field").asString()).isEqualTo("line_type");
        assertThat(strings(tf.path("rules").get(0).path("values"))).containsExactly("landline");
        assertThat(tf.path("rules").get(1).path("op").asString()).isEqualTo("exists");
        assertThat(c.path("agent_id").asLong()).isEqualTo(agentId());
        assertThat(Instant.parse(c.path("created_at").asString())).isAfter(before);
        assertThat(c.path("updated_at").asString())
                .isEqualTo(c.path("created_at").asString());
        assertThat(c.path("last_updated_by").asString()).isEqualTo(Api.SUPERUSER_EMAIL);
        assertThat(c.path("timezone").asString()).isEqualTo("America/Chicago");
        assertThat(c.path("hours_in").asString()).isEqualTo("recipient");
        assertThat(c.has("unknown_field")).isFalse();
        JsonNode hook = c.path("webhooks").get(0);
        assertThat(hook.path("id").asLong()).isPositive();
        assertThat(hook.path("url").asString()).isEqualTo("https://hooks.example.com/outbound");
        assertThat(hook.path("request_method").asString()).isEqualTo("PUT");
        assertThat(strings(hook.path("trigger_statuses"))).containsExactly("COMPLETED", "FAILED");
        assertThat(strings(hook.path("auth_value_keys"))).isEmpty();
    }

    @Test
    void a_minimal_campaign_gets_the_contract_defaults() {
        JsonNode c = api().post(CAMPAIGNS, aCampaign().build()).json();
        assertThat(c.path("hourly_rate").asInt()).isEqualTo(1);
        assertThat(c.path("retry_count").asInt()).isZero();
        assertThat(c.path("include_unknown_line_types").asBoolean()).isTrue();
        assertThat(c.path("mode").isNull()).isTrue();
        assertThat(c.path("caller_id").isNull()).isTrue();
        assertThat(c.path("daily_start_time").isNull()).isTrue();
        assertThat(c.path("retry_interval").isNull()).isTrue();
        assertThat(c.path("target_filters").isNull()).isTrue();
        assertThat(c.path("voicemail_detection").isNull()).isTrue();
        assertThat(c.path("webhooks").isArray()).isTrue();
        assertThat(c.path("webhooks").size()).isZero();
        assertThat(c.path("timezone").asString()).isEqualTo("UTC");
        assertThat(c.path("hours_in").asString()).isEqualTo("campaign");
    }

    @Test
    void target_filters_fill_in_match_on_unknown_and_values() {
        JsonNode c = api().post(
                        CAMPAIGNS,
                        aCampaign()
                                .with(
                                        "target_filters",
                                        Map.of("rules", List.of(Map.of("field", "mnc", "op", "exists"))))
                                .build())
                .json();
        assertThat(c.path("target_filters").path("match").asString()).isEqualTo("all");
        assertThat(c.path("target_filters").path("on_unknown").asString()).isEqualTo("include");
        assertThat(c.path("target_filters").path("rules").get(0).path("values").size())
                .isZero();
    }

    @Test
    void other_capabilities_read_a_campaigns_rules() {
        JsonNode c = api().post(CAMPAIGNS, everyField()).json();
        long org = organizationOfBootstrapKey();
        CampaignRules rules = campaigns.rules(org, c.path("id").asLong());
        assertThat(rules.mode()).isEqualTo(Mode.SMS);
        assertThat(rules.timezone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(rules.hoursIn()).isEqualTo(HoursIn.RECIPIENT);
        assertThat(rules.activeDays())
                .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(rules.dailyStart()).isEqualTo(LocalTime.of(9, 0));
        assertThat(rules.dailyEnd()).isEqualTo(LocalTime.of(17, 30));
        assertThat(rules.hourlyRate()).isEqualTo(120);
        assertThat(rules.maxDailyCalls()).isEqualTo(2500);
        assertThat(rules.retryCount()).isEqualTo(2);
        assertThat(rules.retryInterval()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void a_campaign_without_mode_is_dialled_as_voice() {
        long id = api().post(CAMPAIGNS, aCampaign().build()).json().path("id").asLong();
        assertThat(campaigns.rules(organizationOfBootstrapKey(), id).mode()).isEqualTo(Mode.VOICE);
    }

    @Test
    void an_unknown_campaign_answers_404() {
        assertThat(api().get(CAMPAIGNS + "/999999").status()).isEqualTo(404);
        assertThat(api().put(CAMPAIGNS + "/999999", aCampaign().build()).status())
                .isEqualTo(404);
        assertThat(api().delete(CAMPAIGNS + "/999999").status()).isEqualTo(404);
    }

    @Test
    void a_campaign_id_that_is_not_an_integer_answers_422() {
        var r = api().get(CAMPAIGNS + "/abc");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("loc").toString()).isEqualTo("[\"path\",\"campaign_id\"]");
    }

    @Test
    void another_organizations_campaign_is_invisible() {
        long id = api().post(CAMPAIGNS, aCampaign().build()).json().path("id").asLong();
        Api other = api().withKey(SecondOrganization.key(api(), "Other org A"));

        assertThat(other.get(CAMPAIGNS + "/" + id).status()).isEqualTo(404);
        assertThat(other.put(CAMPAIGNS + "/" + id, aCampaign().build()).status())
                .isEqualTo(404);
        assertThat(other.delete(CAMPAIGNS + "/" + id).status()).isEqualTo(404);
        assertThat(other.get(CAMPAIGNS).json().path("total_count").asLong()).isZero();
        assertThat(api().get(CAMPAIGNS + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void the_caller_is_recorded_as_last_updated_by() {
        String key = SecondOrganization.key(api(), "Other org B");
        var c = api().withKey(key).post(CAMPAIGNS, aCampaign().build()).json();
        assertThat(c.path("last_updated_by").asString()).isEqualTo("admin@other-org-b.example.com");
    }

    private long organizationOfBootstrapKey() {
        return jdbc.sql("SELECT organization_id FROM api_key WHERE user_email = :email")
                .param("email", Api.SUPERUSER_EMAIL)
                .query(Long.class)
                .single();
    }

    static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
