package dev.outbound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.contact.ContactLimit;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.StoreTest;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GET/PUT /policy: the organization-wide contact limit (the calendar fields: PolicyCalendarTest). */
@StoreTest
class PolicyApiTest {
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

    private static Map<String, @Nullable Object> policy(@Nullable Object contactLimit) {
        var body = new HashMap<String, @Nullable Object>();
        body.put("contact_limit", contactLimit);
        return body;
    }

    /** A new organization's admin key. */
    private Api anotherOrganization(String name) {
        var r = api.post(
                "/api/v1/outbound/organizations", Map.of("name", name, "admin_email", "admin@" + name + ".example"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return api.withKey(r.json().path("admin_key").path("api_key").asString());
    }

    /** The caller's organization id, read from a campaign it creates. */
    private long organizationOf(Api caller) {
        var created = caller.post("/api/v1/outbound/campaigns", Fixtures.aMinimalCampaign());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return jdbc.sql("SELECT organization_id FROM campaign WHERE id = :id")
                .param("id", created.json().path("id").asLong())
                .query(Long.class)
                .single();
    }

    @Test
    void an_organization_that_never_set_a_policy_has_no_limit() {
        var org = anotherOrganization("fresh");

        JsonNode got = org.get(POLICY).json();

        assertThat(got.path("contact_limit").isNull()).isTrue();
        assertThat(got.path("updated_at").isNull()).isTrue();
        assertThat(got.path("updated_by").isNull()).isTrue();
    }

    @Test
    void a_put_limit_is_answered_read_back_and_handed_to_the_dispatcher() {
        var org = anotherOrganization("roundtrip");

        var put = org.put(POLICY, policy(Map.of("max_attempts", 7, "days", 7, "after_conversation_days", 7)));

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("contact_limit").toString())
                .isEqualTo("{\"max_attempts\":7,\"days\":7,\"after_conversation_days\":7}");
        assertThat(put.json().path("updated_by").asString()).isEqualTo("admin@roundtrip.example");
        assertThat(put.json().path("updated_at").asString()).isNotEmpty();
        assertThat(org.get(POLICY).json()).isEqualTo(put.json());
        assertThat(policies.organizationLimit(organizationOf(org))).isEqualTo(new ContactLimit(7, 7, 7));
    }

    @Test
    void a_null_limit_lifts_it() {
        var org = anotherOrganization("lifted");
        org.put(POLICY, policy(Map.of("after_conversation_days", 2)));

        var put = org.put(POLICY, policy(null));

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(org.get(POLICY).json().path("contact_limit").isNull()).isTrue();
        assertThat(policies.organizationLimit(organizationOf(org))).isEqualTo(ContactLimit.NONE);
    }

    @Test
    void one_organization_neither_sees_nor_changes_another_ones_policy() {
        var first = anotherOrganization("first");
        var second = anotherOrganization("second");

        first.put(POLICY, policy(Map.of("max_attempts", 3, "days", 1)));
        second.put(POLICY, policy(Map.of("after_conversation_days", 9)));

        assertThat(first.get(POLICY)
                        .json()
                        .path("contact_limit")
                        .path("max_attempts")
                        .asInt())
                .isEqualTo(3);
        assertThat(first.get(POLICY)
                        .json()
                        .path("contact_limit")
                        .path("after_conversation_days")
                        .isNull())
                .isTrue();
        assertThat(second.get(POLICY)
                        .json()
                        .path("contact_limit")
                        .path("max_attempts")
                        .isNull())
                .isTrue();
        assertThat(second.get(POLICY)
                        .json()
                        .path("contact_limit")
                        .path("after_conversation_days")
                        .asInt())
                .isEqualTo(9);
    }

    @Test
    void an_invalid_limit_is_refused_and_changes_nothing() {
        var org = anotherOrganization("invalid");
        org.put(POLICY, policy(Map.of("max_attempts", 7, "days", 7)));

        for (Object bad : new Object[] {
            Map.of("max_attempts", 7),
            Map.of("days", 0, "max_attempts", 1),
            Map.of("days", 4000, "max_attempts", 1),
            Map.of("after_conversation_days", 1.5),
            "weekly"
        }) {
            var r = org.put(POLICY, policy(bad));
            assertThat(r.status()).as("%s: %s", bad, r.body()).isEqualTo(422);
            assertThat(r.json().path("detail").get(0).path("loc").get(1).asString())
                    .isEqualTo("contact_limit");
        }
        assertThat(org.put(POLICY, "[]").status()).isEqualTo(422);

        assertThat(org.get(POLICY).json().path("contact_limit").toString())
                .isEqualTo("{\"max_attempts\":7,\"days\":7,\"after_conversation_days\":null}");
    }

    @Test
    void a_put_replaces_the_whole_policy_so_an_empty_body_lifts_the_limit() {
        var org = anotherOrganization("emptied");
        org.put(POLICY, policy(Map.of("max_attempts", 7, "days", 7)));

        var put = org.put(POLICY, Map.of());

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("contact_limit").isNull()).isTrue();
        assertThat(policies.organizationLimit(organizationOf(org))).isEqualTo(ContactLimit.NONE);
    }

    @Test
    void the_policy_needs_an_api_key() {
        assertThat(api.withKey(null).get(POLICY).status()).isEqualTo(401);
        assertThat(api.withKey(null).put(POLICY, policy(null)).status()).isEqualTo(401);
    }
}
