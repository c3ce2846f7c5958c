package dev.outbound.suppression;

import static dev.outbound.suppression.SuppressionCsv.aSuppressionList;
import static dev.outbound.suppression.SuppressionCsv.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The suppression list endpoints; each test works in an organization of its own. */
@StoreTest
class SuppressionApiTest {
    static final String LIST = "/api/v1/outbound/suppressions";

    @LocalServerPort
    int port;

    /** A new organization's administrator. */
    Api anOrganization() {
        String name = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var r = Api.at(port)
                .post("/api/v1/outbound/organizations", Map.of("name", name, "admin_email", "admin@" + name + ".test"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return Api.at(port).withKey(r.json().path("admin_key").path("api_key").asString());
    }

    static Map<String, Object> entry(String target, String kind, String reason) {
        return Map.of("target", target, "kind", kind, "reason", reason);
    }

    @Test
    void adding_a_target_answers_201_with_the_entry_and_adding_it_again_answers_200_with_the_same_entry() {
        var api = anOrganization();
        var first = api.post(LIST, Map.of("target", "+1 (512) 555-1000", "reason", "asked on the phone"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode e = first.json();
        assertThat(e.propertyNames())
                .containsExactlyInAnyOrder("target", "kind", "source", "reason", "added_by", "created_at");
        assertThat(e.path("target").asString()).isEqualTo("+15125551000");
        assertThat(e.path("kind").asString()).isEqualTo("unsubscribed");
        assertThat(e.path("source").asString()).isEqualTo("api");
        assertThat(e.path("reason").asString()).isEqualTo("asked on the phone");
        assertThat(e.path("added_by").asString()).startsWith("admin@");

        var again = api.post(LIST, entry("+15125551000", "bounced", "another reason"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(e);
        assertThat(api.get(LIST).json().path("total_count").asLong()).isEqualTo(1);
    }

    @Test
    void a_target_that_is_neither_a_number_nor_an_address_is_a_422_naming_the_target() {
        var api = anOrganization();
        for (String bad : new String[] {"not a target", "12", "someone@", ""}) {
            var r = api.post(LIST, Map.of("target", bad));
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.json().path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"target\"]");
        }
        assertThat(api.post(LIST, Map.of("kind", "bounced")).status()).isEqualTo(422);
        assertThat(api.post(LIST, "[1]").status()).isEqualTo(422);
        assertThat(api.get(LIST).json().path("total_count").asLong()).isZero();
    }

    @Test
    void an_unknown_kind_is_a_422_and_every_known_kind_is_stored_as_given() {
        var api = anOrganization();
        var r = api.post(LIST, entry("+15125551000", "angry", ""));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"kind\"]");
        var tooLong = api.post(LIST, entry("+15125551000", "bounced", "x".repeat(1001)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"reason\"]");
        var targets = numbers(1000, 4);
        String[] kinds = {"unsubscribed", "bounced", "spam_report", "dropped"};
        for (int i = 0; i < 4; i++) {
            var added = api.post(LIST, entry(targets.get(i), kinds[i], ""));
            assertThat(added.status()).isEqualTo(201);
            assertThat(added.json().path("kind").asString()).isEqualTo(kinds[i]);
            assertThat(added.json().path("reason").isNull()).isTrue();
        }
    }

    @Test
    void email_addresses_are_stored_lower_cased_and_found_in_any_case() {
        var api = anOrganization();
        var r = api.post(LIST, Map.of("target", "  Jane.Doe@Example.COM ", "kind", "spam_report"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("target").asString()).isEqualTo("jane.doe@example.com");
        assertThat(api.post(LIST, Map.of("target", "JANE.DOE@example.com")).status())
                .isEqualTo(200);
        var found = api.get(LIST + "/JANE.doe@example.com");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("kind").asString()).isEqualTo("spam_report");
    }

    @Test
    void a_number_is_found_by_its_url_encoded_e164_form_and_a_missing_one_is_a_404() {
        var api = anOrganization();
        api.post(LIST, Map.of("target", "512-555-1000"));
        var found = api.get(LIST + "/%2B15125551000");
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().path("target").asString()).isEqualTo("+15125551000");
        assertThat(api.get(LIST + "/%2B1%20512-555-1000").json().path("target").asString())
                .isEqualTo("+15125551000");
        assertThat(api.get(LIST + "/%2B15125551001").status()).isEqualTo(404);
        assertThat(api.get(LIST + "/%2B15125551001").json().path("detail").isString())
                .isTrue();
        assertThat(api.get(LIST + "/nonsense").status()).isEqualTo(422);
    }

    @Test
    void the_list_pages_with_total_count_and_filters_by_a_fragment_of_the_target() {
        var api = anOrganization();
        numbers(1000, 7).forEach(t -> api.post(LIST, Map.of("target", t)));
        api.post(LIST, Map.of("target", "someone@example.com"));

        var page = api.get(LIST + "?page=1&limit=3");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("items").size()).isEqualTo(3);
        assertThat(page.json().path("page").asInt()).isEqualTo(1);
        assertThat(page.json().path("page_size").asInt()).isEqualTo(3);
        assertThat(page.json().path("total_count").asLong()).isEqualTo(8);
        assertThat(page.json().path("total_pages").asInt()).isEqualTo(3);

        var numbersOnly = api.get(LIST + "?target=(512)%20555-100&limit=100");
        assertThat(numbersOnly.json().path("total_count").asLong()).isEqualTo(7);
        var one = api.get(LIST + "?target=1006");
        assertThat(one.json().path("items").get(0).path("target").asString()).isEqualTo("+15125551006");
        assertThat(api.get(LIST + "?target=EXAMPLE").json().path("total_count").asLong())
                .isEqualTo(1);
        var byTarget = api.get(LIST + "?order_by=target&order_by_direction=asc&limit=1");
        assertThat(byTarget.json().path("items").get(0).path("target").asString())
                .isEqualTo("+15125551000");
        assertThat(api.get(LIST + "?limit=-1").status()).isEqualTo(422);
        assertThat(api.get(LIST + "?search_fields=kind&search_field_values=angry")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void removing_a_listed_target_answers_204_and_removing_it_again_a_404() {
        var api = anOrganization();
        api.post(LIST, Map.of("target", "+15125551000"));
        assertThat(api.delete(LIST + "/%2B15125551000").status()).isEqualTo(204);
        assertThat(api.get(LIST + "/%2B15125551000").status()).isEqualTo(404);
        assertThat(api.delete(LIST + "/%2B15125551000").status()).isEqualTo(404);
        assertThat(api.delete(LIST + "/nonsense").status()).isEqualTo(422);
    }

    @Test
    void one_organization_never_sees_or_removes_another_organizations_entries() {
        var mine = anOrganization();
        var theirs = anOrganization();
        mine.post(LIST, Map.of("target", "+15125551000"));
        mine.upload(
                LIST + "/upload",
                "list.csv",
                aSuppressionList().row("mine@example.com").build());

        assertThat(theirs.get(LIST).json().path("total_count").asLong()).isZero();
        assertThat(theirs.get(LIST + "/%2B15125551000").status()).isEqualTo(404);
        assertThat(theirs.delete(LIST + "/%2B15125551000").status()).isEqualTo(404);
        assertThat(theirs.get(LIST + ".csv").body().lines().count()).isEqualTo(1);
        // The same target in another organization is an entry of its own.
        assertThat(theirs.post(LIST, Map.of("target", "+15125551000")).status()).isEqualTo(201);
        assertThat(theirs.delete(LIST + "/%2B15125551000").status()).isEqualTo(204);

        assertThat(mine.get(LIST + "/%2B15125551000").status()).isEqualTo(200);
        assertThat(mine.get(LIST).json().path("total_count").asLong()).isEqualTo(2);
    }

    @Test
    void an_unauthenticated_call_is_a_401() {
        assertThat(Api.at(port).withKey(null).get(LIST).status()).isEqualTo(401);
        assertThat(Api.at(port)
                        .withKey(null)
                        .post(LIST, Map.of("target", "+15125551000"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void the_documented_entry_and_upload_shapes_match_what_the_endpoints_answer() {
        var api = anOrganization();
        JsonNode schemas =
                Api.at(port).get("/openapi.json").json().path("components").path("schemas");
        var entry = api.post(LIST, Map.of("target", "+15125551000"));
        assertThat(entry.json().propertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        schemas.path("Suppression").path("properties").propertyNames());
        var listed = api.get(LIST);
        assertThat(listed.json().propertyNames())
                .containsExactlyInAnyOrderElementsOf(schemas.path("ListResponse_Suppression_")
                        .path("properties")
                        .propertyNames());
        var counts = api.upload(LIST + "/upload", "l.csv", "target\n+15125551001\n");
        assertThat(counts.json().propertyNames())
                .containsExactlyInAnyOrderElementsOf(schemas.path("SuppressionUploadOutcome")
                        .path("properties")
                        .propertyNames());
    }
}
