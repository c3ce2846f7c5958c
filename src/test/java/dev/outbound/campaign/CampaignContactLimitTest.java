package dev.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.contact.ContactLimit;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.StoreTest;
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

/** The contact_limit and duplicate_targets extensions of a campaign. */
@StoreTest
class CampaignContactLimitTest {
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

    private static Map<String, @Nullable Object> limit(
            @Nullable Object maxAttempts, @Nullable Object days, @Nullable Object afterConversationDays) {
        var limit = new HashMap<String, @Nullable Object>();
        limit.put("max_attempts", maxAttempts);
        limit.put("days", days);
        limit.put("after_conversation_days", afterConversationDays);
        return limit;
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

    @Test
    void a_campaign_without_the_fields_has_no_limit_and_allows_duplicates() {
        long id = create(Fixtures.aMinimalCampaign());

        JsonNode got = api.get(CAMPAIGNS + "/" + id).json();

        assertThat(got.has("contact_limit")).isTrue();
        assertThat(got.path("contact_limit").isNull()).isTrue();
        assertThat(got.path("duplicate_targets").asString()).isEqualTo("allow");
        assertThat(rules(id).contactLimit()).isEqualTo(ContactLimit.NONE);
        assertThat(rules(id).duplicateTargets()).isEqualTo(DuplicateTargets.ALLOW);
    }

    @Test
    void create_get_list_and_the_dispatch_rules_all_carry_the_limit_and_duplicate_targets() {
        var body = Fixtures.aMinimalCampaign();
        body.put("contact_limit", limit(7, 7, 7));
        body.put("duplicate_targets", "SKIP");

        var created = api.post(CAMPAIGNS, body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        long id = created.json().path("id").asLong();

        for (JsonNode c : List.of(
                created.json(),
                api.get(CAMPAIGNS + "/" + id).json(),
                api.get(CAMPAIGNS + "?limit=100").json().path("items").get(0))) {
            assertThat(c.path("contact_limit").toString())
                    .isEqualTo("{\"max_attempts\":7,\"days\":7,\"after_conversation_days\":7}");
            assertThat(c.path("duplicate_targets").asString()).isEqualTo("skip");
        }
        assertThat(rules(id).contactLimit()).isEqualTo(new ContactLimit(7, 7, 7));
        assertThat(rules(id).duplicateTargets()).isEqualTo(DuplicateTargets.SKIP);
    }

    @Test
    void each_part_is_optional_and_unknown_parts_are_ignored() {
        var body = Fixtures.aMinimalCampaign();
        body.put("contact_limit", Map.of("after_conversation_days", 3, "per_hour", 99));

        long id = create(body);

        assertThat(api.get(CAMPAIGNS + "/" + id).json().path("contact_limit").toString())
                .isEqualTo("{\"max_attempts\":null,\"days\":null,\"after_conversation_days\":3}");
        assertThat(rules(id).contactLimit()).isEqualTo(new ContactLimit(null, null, 3));
    }

    @Test
    void an_update_changes_both_fields_and_a_put_without_them_clears_them() {
        var body = Fixtures.aMinimalCampaign();
        long id = create(body);

        body.put("contact_limit", limit(3, 30, null));
        body.put("duplicate_targets", "skip");
        var updated = api.put(CAMPAIGNS + "/" + id, body);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("contact_limit").path("max_attempts").asInt())
                .isEqualTo(3);
        assertThat(updated.json().path("duplicate_targets").asString()).isEqualTo("skip");
        assertThat(rules(id).contactLimit()).isEqualTo(new ContactLimit(3, 30, null));

        body.remove("contact_limit");
        body.remove("duplicate_targets");
        var cleared = api.put(CAMPAIGNS + "/" + id, body);

        assertThat(cleared.json().path("contact_limit").isNull()).isTrue();
        assertThat(cleared.json().path("duplicate_targets").asString()).isEqualTo("allow");
        assertThat(rules(id).contactLimit()).isEqualTo(ContactLimit.NONE);
    }

    @Test
    void an_empty_limit_object_is_no_limit() {
        var body = Fixtures.aMinimalCampaign();
        body.put("contact_limit", Map.of());

        long id = create(body);

        assertThat(api.get(CAMPAIGNS + "/" + id).json().path("contact_limit").isNull())
                .isTrue();
    }

    private void refused(Object contactLimit, String loc, String type) {
        var body = Fixtures.aMinimalCampaign();
        body.put("contact_limit", contactLimit);
        var r = api.post(CAMPAIGNS, body);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        JsonNode first = r.json().path("detail").get(0);
        assertThat(first.path("loc").toString()).as(r.body()).isEqualTo(loc);
        assertThat(first.path("type").asString()).as(r.body()).isEqualTo(type);
    }

    @Test
    void invalid_limits_are_refused_with_the_field_that_is_wrong() {
        refused(limit(7.5, 7, null), "[\"body\",\"contact_limit\",\"max_attempts\"]", "int_type");
        refused(limit("seven", 7, null), "[\"body\",\"contact_limit\",\"max_attempts\"]", "int_parsing");
        refused(limit(0, 7, null), "[\"body\",\"contact_limit\",\"max_attempts\"]", "greater_than_equal");
        refused(limit(7, -1, null), "[\"body\",\"contact_limit\",\"days\"]", "greater_than_equal");
        refused(limit(7, 3651, null), "[\"body\",\"contact_limit\",\"days\"]", "less_than_equal");
        refused(limit(null, null, 0), "[\"body\",\"contact_limit\",\"after_conversation_days\"]", "greater_than_equal");
        refused(
                limit(null, null, 100_000),
                "[\"body\",\"contact_limit\",\"after_conversation_days\"]",
                "less_than_equal");
        refused(limit(7, null, null), "[\"body\",\"contact_limit\",\"days\"]", "value_error");
        refused(limit(null, 7, null), "[\"body\",\"contact_limit\",\"max_attempts\"]", "value_error");
        refused(7, "[\"body\",\"contact_limit\"]", "model_attributes_type");
    }

    @Test
    void a_refused_limit_stores_nothing() {
        var body = Fixtures.aMinimalCampaign();
        long id = create(body);
        body.put("contact_limit", limit(7, null, null));
        body.put("campaign_name", "renamed");

        assertThat(api.put(CAMPAIGNS + "/" + id, body).status()).isEqualTo(422);

        assertThat(api.get(CAMPAIGNS + "/" + id).json().path("campaign_name").asString())
                .isNotEqualTo("renamed");
    }

    @Test
    void duplicate_targets_other_than_allow_or_skip_is_refused() {
        for (Object value : List.of("maybe", 1, "")) {
            var body = Fixtures.aMinimalCampaign();
            body.put("duplicate_targets", value);

            var r = api.post(CAMPAIGNS, body);

            assertThat(r.status()).as("%s: %s", value, r.body()).isEqualTo(422);
            assertThat(r.json().path("detail").get(0).path("loc").toString())
                    .isEqualTo("[\"body\",\"duplicate_targets\"]");
        }
    }
}
