package dev.outbound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.calendar.CallingWindow;
import dev.outbound.calendar.RecipientRule;
import dev.outbound.calendar.RecipientRules;
import dev.outbound.calendar.RestrictedDate;
import dev.outbound.calendar.RestrictedDates;
import dev.outbound.contact.ContactLimit;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.StoreTest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GET/PUT /policy: restricted dates, rules by recipient region and capacity of an organization. */
@StoreTest
class PolicyCalendarTest {
    private static final String POLICY = "/api/v1/outbound/policy";

    @LocalServerPort
    int port;

    @Autowired
    Policies policies;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    private Api anotherOrganization(String name) {
        var r = api.post(
                "/api/v1/outbound/organizations", Map.of("name", name, "admin_email", "admin@" + name + ".example"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return api.withKey(r.json().path("admin_key").path("api_key").asString());
    }

    private long organizationOf(Api caller) {
        var created = caller.post("/api/v1/outbound/campaigns", Fixtures.aMinimalCampaign());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return jdbc.sql("SELECT organization_id FROM campaign WHERE id = :id")
                .param("id", created.json().path("id").asLong())
                .query(Long.class)
                .single();
    }

    private static Map<String, @Nullable Object> florida() {
        var rule = new HashMap<String, @Nullable Object>();
        rule.put("region", "us-fl");
        rule.put("daily_start_time", "08:00");
        rule.put("daily_end_time", "20:00");
        rule.put("active_days", List.of("monday", "Tue", "wed", "thu", "fri", "sat"));
        rule.put("contact_limit", Map.of("max_attempts", 3, "days", 1));
        rule.put("name", "Florida Telephone Solicitation Act");
        rule.put("source", "Fla. Stat. 501.059(8)");
        return rule;
    }

    private static Map<String, @Nullable Object> fullPolicy() {
        var body = new HashMap<String, @Nullable Object>();
        body.put("contact_limit", Map.of("after_conversation_days", 2));
        body.put(
                "restricted_dates",
                List.of(
                        Map.of("start", "2026-12-24", "end", "2026-12-26", "name", "Christmas"),
                        Map.of("start", "2026-07-04")));
        body.put("recipient_rules", List.of(Map.of("region", "US", "daily_end_time", "21:00"), florida()));
        body.put("max_concurrent", 40);
        return body;
    }

    @Test
    void an_organization_that_never_set_a_policy_has_none_of_the_calendar_fields() {
        var org = anotherOrganization("fresh");
        long id = organizationOf(org);

        JsonNode got = org.get(POLICY).json();

        assertThat(got.path("restricted_dates").toString()).isEqualTo("[]");
        assertThat(got.path("recipient_rules").toString()).isEqualTo("[]");
        assertThat(got.has("max_concurrent")).isTrue();
        assertThat(got.path("max_concurrent").isNull()).isTrue();
        assertThat(policies.current(id)).isEqualTo(Policy.NONE);
    }

    @Test
    void every_field_put_is_answered_read_back_and_handed_to_the_dispatcher() {
        var org = anotherOrganization("roundtrip");
        long id = organizationOf(org);
        assertThat(policies.maxConcurrent(id)).isNull(); // read once, so the put must replace what is kept

        var put = org.put(POLICY, fullPolicy());

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("restricted_dates").toString())
                .isEqualTo("[{\"start\":\"2026-07-04\",\"end\":\"2026-07-04\",\"name\":null},"
                        + "{\"start\":\"2026-12-24\",\"end\":\"2026-12-26\",\"name\":\"Christmas\"}]");
        assertThat(put.json().path("recipient_rules").toString())
                .isEqualTo("[{\"region\":\"US\",\"daily_start_time\":null,\"daily_end_time\":\"21:00\","
                        + "\"active_days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"],"
                        + "\"contact_limit\":null,\"name\":null,\"source\":null},"
                        + "{\"region\":\"US-FL\",\"daily_start_time\":\"08:00\",\"daily_end_time\":\"20:00\","
                        + "\"active_days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\"],"
                        + "\"contact_limit\":{\"max_attempts\":3,\"days\":1,\"after_conversation_days\":null},"
                        + "\"name\":\"Florida Telephone Solicitation Act\",\"source\":\"Fla. Stat. 501.059(8)\"}]");
        assertThat(put.json().path("max_concurrent").asInt()).isEqualTo(40);
        assertThat(put.json()
                        .path("contact_limit")
                        .path("after_conversation_days")
                        .asInt())
                .isEqualTo(2);
        assertThat(put.json().path("updated_by").asString()).isEqualTo("admin@roundtrip.example");
        assertThat(org.get(POLICY).json()).isEqualTo(put.json());

        assertThat(policies.restrictedDates(id).dates())
                .containsExactly(
                        new RestrictedDate(LocalDate.parse("2026-07-04"), LocalDate.parse("2026-07-04"), ""),
                        new RestrictedDate(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-26"), "Christmas"));
        assertThat(policies.recipientRules(id))
                .isEqualTo(new RecipientRules(List.of(
                        new RecipientRule(
                                "US",
                                new CallingWindow(EnumSet.allOf(DayOfWeek.class), null, LocalTime.of(21, 0)),
                                ContactLimit.NONE),
                        new RecipientRule(
                                "US-FL",
                                new CallingWindow(
                                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY),
                                        LocalTime.of(8, 0),
                                        LocalTime.of(20, 0)),
                                new ContactLimit(3, 1, null),
                                "Florida Telephone Solicitation Act",
                                "Fla. Stat. 501.059(8)"))));
        assertThat(policies.maxConcurrent(id)).isEqualTo(40);
        assertThat(policies.organizationLimit(id)).isEqualTo(new ContactLimit(null, null, 2));
    }

    @Test
    void a_put_replaces_the_whole_policy_and_fields_left_out_are_none() {
        var org = anotherOrganization("replaced");
        long id = organizationOf(org);
        org.put(POLICY, fullPolicy());
        assertThat(policies.recipientRules(id).rules()).hasSize(2);

        var put = org.put(POLICY, Map.of("max_concurrent", 7, "note", "unknown fields are ignored"));

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("restricted_dates").toString()).isEqualTo("[]");
        assertThat(put.json().path("recipient_rules").toString()).isEqualTo("[]");
        assertThat(put.json().path("contact_limit").isNull()).isTrue();
        assertThat(policies.current(id))
                .isEqualTo(new Policy(ContactLimit.NONE, RestrictedDates.NONE, RecipientRules.NONE, 7));
    }

    @Test
    void setting_only_the_contact_limit_keeps_the_rest_of_the_policy() {
        var org = anotherOrganization("limitonly");
        long id = organizationOf(org);
        org.put(POLICY, fullPolicy());

        policies.setOrganizationLimit(id, new ContactLimit(5, 7, null), "test");

        assertThat(policies.organizationLimit(id)).isEqualTo(new ContactLimit(5, 7, null));
        assertThat(policies.recipientRules(id).rules()).hasSize(2);
        assertThat(policies.maxConcurrent(id)).isEqualTo(40);
    }

    @Test
    void unknown_fields_of_a_rule_are_ignored() {
        var org = anotherOrganization("unknown");
        var rule = florida();
        rule.put("penalty", "up to $500 per call");
        var put = org.put(POLICY, Map.of("recipient_rules", List.of(rule)));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("recipient_rules").get(0).has("penalty")).isFalse();
    }

    private void refused(Api org, String field, Object value, String loc, String type) {
        var r = org.put(POLICY, Map.of(field, value));
        assertThat(r.status()).as("%s: %s", value, r.body()).isEqualTo(422);
        JsonNode first = r.json().path("detail").get(0);
        assertThat(first.path("loc").toString()).as(r.body()).isEqualTo(loc);
        assertThat(first.path("type").asString()).as(r.body()).isEqualTo(type);
    }

    private static Map<String, @Nullable Object> florida(String field, @Nullable Object value) {
        var rule = florida();
        rule.put(field, value);
        return rule;
    }

    @Test
    void invalid_rules_are_refused_with_the_rule_and_field_that_is_wrong_and_change_nothing() {
        var org = anotherOrganization("invalid");
        long id = organizationOf(org);
        org.put(POLICY, fullPolicy());
        String rules = "[\"body\",\"recipient_rules\"";
        String second = rules + ",1";
        var fine = florida();
        for (Object region : new Object[] {"USA", "XX", "US-FLORIDA", "US_FL", "", 12}) {
            refused(
                    org,
                    "recipient_rules",
                    List.of(fine, florida("region", region)),
                    second + ",\"region\"]",
                    region instanceof Integer ? "string_type" : "value_error");
        }
        refused(
                org,
                "recipient_rules",
                List.of(fine, Map.of("daily_end_time", "20:00")),
                second + ",\"region\"]",
                "missing");
        refused(org, "recipient_rules", List.of(fine, florida("region", null)), second + ",\"region\"]", "string_type");
        for (String time : new String[] {"8pm", "25:00", "8:00", "08:60"}) {
            refused(
                    org,
                    "recipient_rules",
                    List.of(fine, florida("daily_start_time", time)),
                    second + ",\"daily_start_time\"]",
                    "time_parsing");
        }
        refused(
                org,
                "recipient_rules",
                List.of(fine, florida("daily_start_time", "20:00")),
                second + ",\"daily_end_time\"]",
                "value_error");
        refused(
                org,
                "recipient_rules",
                List.of(fine, florida("daily_start_time", "21:00")),
                second + ",\"daily_end_time\"]",
                "value_error");
        refused(
                org,
                "recipient_rules",
                List.of(fine, florida("active_days", List.of("mon", "someday"))),
                second + ",\"active_days\",1]",
                "enum");
        refused(
                org,
                "recipient_rules",
                List.of(fine, florida("active_days", "weekdays")),
                second + ",\"active_days\"]",
                "list_type");
        refused(
                org,
                "recipient_rules",
                List.of(fine, florida("contact_limit", Map.of("max_attempts", 3))),
                second + ",\"contact_limit\",\"days\"]",
                "value_error");
        refused(
                org,
                "recipient_rules",
                List.of(fine, florida("contact_limit", Map.of("max_attempts", 0, "days", 1))),
                second + ",\"contact_limit\",\"max_attempts\"]",
                "greater_than_equal");
        refused(
                org,
                "recipient_rules",
                List.of(fine, florida("name", "n".repeat(101))),
                second + ",\"name\"]",
                "string_too_long");
        refused(
                org,
                "recipient_rules",
                List.of(fine, florida("source", "s".repeat(1001))),
                second + ",\"source\"]",
                "string_too_long");
        refused(org, "recipient_rules", List.of(fine, "US-FL"), second + "]", "model_attributes_type");
        refused(org, "recipient_rules", fine, rules + "]", "list_type");
        var many = new ArrayList<Object>();
        for (int i = 0; i < 501; i++) {
            many.add(Map.of("region", "US"));
        }
        refused(org, "recipient_rules", many, rules + "]", "too_long");
        var wordy = new ArrayList<Object>();
        for (int i = 0; i < 120; i++) {
            wordy.add(florida("source", "s".repeat(1000)));
        }
        refused(org, "recipient_rules", wordy, rules + "]", "too_long");

        refused(
                org,
                "restricted_dates",
                List.of(Map.of("start", "2026-12-26", "end", "2026-12-24")),
                "[\"body\",\"restricted_dates\",0,\"end\"]",
                "value_error");
        refused(
                org,
                "restricted_dates",
                List.of(Map.of("start", "2026-13-01")),
                "[\"body\",\"restricted_dates\",0,\"start\"]",
                "date_parsing");
        String max = "[\"body\",\"max_concurrent\"]";
        refused(org, "max_concurrent", 0, max, "greater_than_equal");
        refused(org, "max_concurrent", -1, max, "greater_than_equal");
        refused(org, "max_concurrent", 2.5, max, "int_type");
        refused(org, "max_concurrent", "lots", max, "int_parsing");

        assertThat(policies.recipientRules(id).rules()).hasSize(2);
        assertThat(policies.maxConcurrent(id)).isEqualTo(40);
        assertThat(policies.restrictedDates(id).dates()).hasSize(2);
    }

    @Test
    void a_rule_may_leave_out_everything_but_its_region() {
        var org = anotherOrganization("minimal");
        long id = organizationOf(org);

        var put = org.put(POLICY, Map.of("recipient_rules", List.of(Map.of("region", " gb "))));

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(policies.recipientRules(id).rules())
                .containsExactly(new RecipientRule("GB", CallingWindow.ALWAYS, ContactLimit.NONE));
    }
}
