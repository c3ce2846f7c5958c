package dev.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.calendar.RestrictedDate;
import dev.outbound.calendar.RestrictedDates;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.StoreTest;
import java.time.LocalDate;
import java.util.ArrayList;
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

/** The restricted_dates and max_concurrent extensions of a campaign. */
@StoreTest
class CampaignCalendarTest {
    private static final String CAMPAIGNS = "/api/v1/outbound/campaigns";

    @LocalServerPort
    int port;

    @Autowired
    Campaigns campaigns;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    private long create(Map<String, Object> body) {
        var r = api.post(CAMPAIGNS, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private CampaignRules rules(long id) {
        long org = jdbc.sql("SELECT organization_id FROM campaign WHERE id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        return campaigns.rules(org, id);
    }

    private JsonNode listed(long id) {
        for (JsonNode c : api.get(CAMPAIGNS + "?limit=100").json().path("items")) {
            if (c.path("id").asLong() == id) {
                return c;
            }
        }
        throw new AssertionError("campaign " + id + " is not listed");
    }

    private static Map<String, @Nullable Object> restricted(
            @Nullable Object start, @Nullable Object end, @Nullable Object name) {
        var d = new HashMap<String, @Nullable Object>();
        d.put("start", start);
        if (end != null) {
            d.put("end", end);
        }
        if (name != null) {
            d.put("name", name);
        }
        return d;
    }

    @Test
    void a_campaign_without_the_fields_has_no_restricted_dates_and_no_concurrency_limit() {
        long id = create(Fixtures.aMinimalCampaign());

        JsonNode got = api.get(CAMPAIGNS + "/" + id).json();

        assertThat(got.path("restricted_dates").toString()).isEqualTo("[]");
        assertThat(got.has("max_concurrent")).isTrue();
        assertThat(got.path("max_concurrent").isNull()).isTrue();
        assertThat(rules(id).restrictedDates()).isEqualTo(RestrictedDates.NONE);
        assertThat(rules(id).maxConcurrent()).isNull();
    }

    @Test
    void create_get_list_and_the_dispatch_rules_all_carry_the_dates_and_the_limit() {
        var body = Fixtures.aMinimalCampaign();
        body.put(
                "restricted_dates",
                List.of(
                        restricted("2026-12-24", "2026-12-26", "Christmas"),
                        restricted(" 2026-11-26 ", null, null),
                        restricted("2027-01-01", "2027-01-01", "New Year")));
        body.put("max_concurrent", 20);

        var created = api.post(CAMPAIGNS, body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        long id = created.json().path("id").asLong();

        for (JsonNode c : List.of(created.json(), api.get(CAMPAIGNS + "/" + id).json(), listed(id))) {
            assertThat(c.path("restricted_dates").toString())
                    .isEqualTo("[{\"start\":\"2026-11-26\",\"end\":\"2026-11-26\",\"name\":null},"
                            + "{\"start\":\"2026-12-24\",\"end\":\"2026-12-26\",\"name\":\"Christmas\"},"
                            + "{\"start\":\"2027-01-01\",\"end\":\"2027-01-01\",\"name\":\"New Year\"}]");
            assertThat(c.path("max_concurrent").asInt()).isEqualTo(20);
        }
        CampaignRules rules = rules(id);
        assertThat(rules.restrictedDates().dates())
                .containsExactly(
                        new RestrictedDate(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-26"), ""),
                        new RestrictedDate(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-26"), "Christmas"),
                        new RestrictedDate(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-01"), "New Year"));
        assertThat(rules.maxConcurrent()).isEqualTo(20);
    }

    @Test
    void a_put_replaces_the_fields_and_a_put_without_them_clears_them() {
        var body = Fixtures.aMinimalCampaign();
        body.put("restricted_dates", List.of(restricted("2026-12-24", "2026-12-26", "Christmas")));
        body.put("max_concurrent", "5");
        long id = create(body);
        assertThat(rules(id).maxConcurrent()).isEqualTo(5);

        body.put("restricted_dates", List.of(restricted("2026-07-04", null, "Independence Day")));
        body.put("max_concurrent", 8);
        var changed = api.put(CAMPAIGNS + "/" + id, body);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("restricted_dates").toString())
                .isEqualTo("[{\"start\":\"2026-07-04\",\"end\":\"2026-07-04\",\"name\":\"Independence Day\"}]");
        assertThat(rules(id).restrictedDates().dates()).hasSize(1);
        assertThat(rules(id).maxConcurrent()).isEqualTo(8);

        body.remove("restricted_dates");
        body.put("max_concurrent", null);
        var cleared = api.put(CAMPAIGNS + "/" + id, body);
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().path("restricted_dates").toString()).isEqualTo("[]");
        assertThat(cleared.json().path("max_concurrent").isNull()).isTrue();
        assertThat(rules(id).restrictedDates()).isEqualTo(RestrictedDates.NONE);
        assertThat(rules(id).maxConcurrent()).isNull();
        assertThat(jdbc.sql("SELECT restricted_dates FROM campaign WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .optional())
                .isEmpty();
    }

    @Test
    void unknown_fields_of_a_restricted_date_and_a_null_list_are_ignored() {
        var body = Fixtures.aMinimalCampaign();
        var date = restricted("2026-12-25", null, "Christmas Day");
        date.put("recurring", true);
        body.put("restricted_dates", List.of(date));
        long id = create(body);
        assertThat(rules(id).restrictedDates().dates()).hasSize(1);

        body.put("restricted_dates", null);
        var cleared = api.put(CAMPAIGNS + "/" + id, body);
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(rules(id).restrictedDates()).isEqualTo(RestrictedDates.NONE);
    }

    private void refused(String field, @Nullable Object value, String loc, String type) {
        var body = Fixtures.aMinimalCampaign();
        body.put(field, value);
        var r = api.post(CAMPAIGNS, body);
        assertThat(r.status()).as("%s: %s", value, r.body()).isEqualTo(422);
        JsonNode first = r.json().path("detail").get(0);
        assertThat(first.path("loc").toString()).as(r.body()).isEqualTo(loc);
        assertThat(first.path("type").asString()).as(r.body()).isEqualTo(type);
    }

    @Test
    void invalid_restricted_dates_are_refused_with_the_entry_and_field_that_is_wrong() {
        String dates = "[\"body\",\"restricted_dates\"";
        String second = dates + ",1";
        var fine = restricted("2026-12-24", "2026-12-26", null);
        refused(
                "restricted_dates",
                List.of(fine, restricted("2026-12-26", "2026-12-24", null)),
                second + ",\"end\"]",
                "value_error");
        refused(
                "restricted_dates",
                List.of(fine, restricted("2026-02-30", null, null)),
                second + ",\"start\"]",
                "date_parsing");
        refused(
                "restricted_dates",
                List.of(fine, restricted("24/12/2026", null, null)),
                second + ",\"start\"]",
                "date_parsing");
        refused(
                "restricted_dates",
                List.of(fine, restricted("2026-12-24", "2026-12-24T00:00:00Z", null)),
                second + ",\"end\"]",
                "date_parsing");
        refused("restricted_dates", List.of(fine, Map.of("end", "2026-12-24")), second + ",\"start\"]", "missing");
        refused("restricted_dates", List.of(fine, restricted(null, null, null)), second + ",\"start\"]", "date_type");
        refused(
                "restricted_dates",
                List.of(fine, restricted(20261224, null, null)),
                second + ",\"start\"]",
                "string_type");
        refused(
                "restricted_dates",
                List.of(fine, restricted("2026-12-24", null, "x".repeat(101))),
                second + ",\"name\"]",
                "string_too_long");
        refused("restricted_dates", List.of(fine, "2026-12-24"), second + "]", "model_attributes_type");
        refused("restricted_dates", Map.of("start", "2026-12-24"), dates + "]", "list_type");
        var many = new ArrayList<Object>();
        for (int i = 0; i < 501; i++) {
            many.add(restricted(LocalDate.of(2027, 1, 1).plusDays(i).toString(), null, null));
        }
        refused("restricted_dates", many, dates + "]", "too_long");
        var long_ = new ArrayList<Object>();
        for (int i = 0; i < 200; i++) {
            long_.add(restricted(LocalDate.of(2027, 1, 1).plusDays(i).toString(), null, "n".repeat(100)));
        }
        refused("restricted_dates", long_, dates + "]", "too_long");
    }

    @Test
    void a_max_concurrent_that_is_not_a_positive_whole_number_is_refused() {
        String loc = "[\"body\",\"max_concurrent\"]";
        refused("max_concurrent", 0, loc, "greater_than_equal");
        refused("max_concurrent", -3, loc, "greater_than_equal");
        refused("max_concurrent", 1.5, loc, "int_type");
        refused("max_concurrent", "many", loc, "int_parsing");
        refused("max_concurrent", true, loc, "int_type");
        refused("max_concurrent", 100_001, loc, "less_than_equal");
    }

    @Test
    void a_refused_change_stores_nothing() {
        var body = Fixtures.aMinimalCampaign();
        body.put("restricted_dates", List.of(restricted("2026-12-24", "2026-12-26", "Christmas")));
        body.put("max_concurrent", 3);
        long id = create(body);
        body.put("campaign_name", "renamed");
        body.put("restricted_dates", List.of(restricted("2026-12-31", "2026-12-30", null)));
        body.put("max_concurrent", 4);

        assertThat(api.put(CAMPAIGNS + "/" + id, body).status()).isEqualTo(422);

        JsonNode got = api.get(CAMPAIGNS + "/" + id).json();
        assertThat(got.path("campaign_name").asString()).isNotEqualTo("renamed");
        assertThat(got.path("restricted_dates").get(0).path("name").asString()).isEqualTo("Christmas");
        assertThat(got.path("max_concurrent").asInt()).isEqualTo(3);
    }
}
