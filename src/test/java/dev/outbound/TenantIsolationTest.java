package dev.outbound;

import static dev.outbound.testing.Fixtures.aBatchFor;
import static dev.outbound.testing.Fixtures.aCallList;
import static dev.outbound.testing.Fixtures.aMinimalCampaign;
import static dev.outbound.testing.Fixtures.createBatch;
import static dev.outbound.testing.Fixtures.createCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Another organization's ids answer 404 on every endpoint and change nothing: the contract's 14
 * operations and the extensions that take an id (api-keys, attempts, conversation).
 */
@StoreTest
class TenantIsolationTest {
    @LocalServerPort
    int port;

    Api owner;
    Api stranger;
    long campaignId;
    String batchId;

    @BeforeEach
    void setUp() {
        owner = Api.at(port);
        var org = owner.post(
                "/api/v1/outbound/organizations",
                Map.of("name", "other-" + System.nanoTime(), "admin_email", "eve@other.example"));
        assertThat(org.status()).as(org.body()).isEqualTo(200);
        stranger = owner.withKey(org.json().path("admin_key").path("api_key").asString());
        campaignId = createCampaign(owner);
        batchId = createBatch(owner, campaignId);
        assertThat(owner.upload("/api/v1/outbound/batches/" + batchId + "/upload_batch", "a.csv", aCallList(2))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void another_organizations_campaign_is_not_found_and_unchanged() {
        String path = "/api/v1/outbound/campaigns/" + campaignId;
        String before = owner.get(path).body();
        assertThat(stranger.get(path).status()).isEqualTo(404);
        assertThat(stranger.put(path, aMinimalCampaign()).status()).isEqualTo(404);
        assertThat(stranger.delete(path).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/outbound/campaigns")
                        .json()
                        .path("total_count")
                        .asInt())
                .isZero();
        var batch = stranger.post("/api/v1/outbound/batches", aBatchFor(campaignId));
        assertThat(batch.status()).isEqualTo(422);
        assertThat(batch.body()).contains("Campaign " + campaignId + " not found");
        assertThat(owner.get(path).body()).isEqualTo(before);
    }

    @Test
    void list_searches_by_another_organizations_ids_find_nothing() {
        String campaigns = owner.get("/api/v1/outbound/campaigns").body();
        String batches = owner.get("/api/v1/outbound/batches").body();
        for (String query : List.of(
                "/api/v1/outbound/campaigns?search_fields=id&search_field_values=" + campaignId,
                "/api/v1/outbound/batches?search_fields=campaign_id&search_field_values=" + campaignId,
                "/api/v1/outbound/batches?search_fields=batch_id&search_field_values=" + batchId,
                "/api/v1/outbound/batches?include_deleted=true")) {
            var r = stranger.get(query);
            assertThat(r.status()).as(query).isEqualTo(200);
            assertThat(r.json().path("total_count").asInt()).as(query).isZero();
            assertThat(r.json().path("items")).as(query).isEmpty();
        }
        long theirs = createCampaign(stranger);
        assertThat(stranger.post("/api/v1/outbound/batches", aBatchFor(theirs)).status())
                .isEqualTo(200);
        assertThat(owner.get("/api/v1/outbound/campaigns").body()).isEqualTo(campaigns);
        assertThat(owner.get("/api/v1/outbound/batches").body()).isEqualTo(batches);
    }

    @Test
    void another_organizations_attempts_and_conversations_are_not_found_and_unchanged() {
        String path = "/api/v1/outbound/batches/" + batchId + "/requests/ref-0";
        String results =
                owner.get("/api/v1/outbound/batches/" + batchId + "/results").body();
        assertThat(owner.get(path + "/attempts").status()).isEqualTo(200);
        assertThat(stranger.get(path + "/attempts").status()).isEqualTo(404);
        var report = Map.of("session_id", 11, "conversation_id", 12, "insights_status", "done");
        assertThat(stranger.post(path + "/conversation", report).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/outbound/batches/" + batchId + "/results?reference_id=ref-0")
                        .status())
                .isEqualTo(404);
        assertThat(owner.get("/api/v1/outbound/batches/" + batchId + "/results").body())
                .isEqualTo(results);
    }

    @Test
    void another_organizations_batch_is_not_found_and_unchanged() {
        String path = "/api/v1/outbound/batches/" + batchId;
        String before = owner.get(path).body();
        String results = owner.get(path + "/results").body();
        assertThat(stranger.get(path).status()).isEqualTo(404);
        assertThat(stranger.put(path, Map.of("paused", true)).status()).isEqualTo(404);
        assertThat(stranger.deleteForm(path, Map.of("delete_reason", "x")).status())
                .isEqualTo(404);
        assertThat(stranger.upload(path + "/upload_batch", "b.csv", aCallList(3))
                        .status())
                .isEqualTo(404);
        assertThat(stranger.get(path + "/results").status()).isEqualTo(404);
        assertThat(stranger.post(
                                path + "/requests",
                                Map.of("reference_id", "x", "target", "+15125551234", "request_variables", Map.of()))
                        .status())
                .isEqualTo(404);
        assertThat(stranger.post(path + "/remove-requests", List.of("ref-0")).status())
                .isEqualTo(404);
        assertThat(stranger.get("/api/v1/outbound/batches")
                        .json()
                        .path("total_count")
                        .asInt())
                .isZero();
        assertThat(owner.get(path).body()).isEqualTo(before);
        assertThat(owner.get(path + "/results").body()).isEqualTo(results);
    }

    @Test
    void the_same_batch_id_may_exist_in_two_organizations() {
        long theirs = createCampaign(stranger);
        var body = aBatchFor(theirs);
        body.put("batch_id", batchId);
        assertThat(stranger.post("/api/v1/outbound/batches", body).status()).isEqualTo(200);
        assertThat(stranger.get("/api/v1/outbound/batches/" + batchId)
                        .json()
                        .path("status_counts")
                        .size())
                .isZero();
        assertThat(owner.get("/api/v1/outbound/batches/" + batchId)
                        .json()
                        .path("status_counts")
                        .path("PENDING")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void keys_of_one_organization_cannot_be_revoked_by_another() {
        long ownerKeyId =
                owner.get("/api/v1/outbound/api-keys").json().get(0).path("id").asLong();
        String keys = owner.get("/api/v1/outbound/api-keys").body();
        assertThat(stranger.delete("/api/v1/outbound/api-keys/" + ownerKeyId).status())
                .isEqualTo(404);
        assertThat(owner.get("/api/v1/outbound/api-keys").status()).isEqualTo(200);
        assertThat(owner.get("/api/v1/outbound/api-keys").body()).isEqualTo(keys);
        var theirs = stranger.get("/api/v1/outbound/api-keys").json();
        assertThat(theirs).hasSize(1);
        assertThat(theirs.get(0).path("id").asLong()).isNotEqualTo(ownerKeyId);
    }

    @Test
    void only_a_superuser_may_create_organizations() {
        var r = stranger.post(
                "/api/v1/outbound/organizations",
                Map.of("name", "x" + System.nanoTime(), "admin_email", "a@b.example"));
        assertThat(r.status()).isEqualTo(403);
    }
}
