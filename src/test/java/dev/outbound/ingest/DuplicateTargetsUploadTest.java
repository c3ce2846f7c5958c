package dev.outbound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.Produces;
import dev.outbound.testing.StoreTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** duplicate_targets "skip": a later row for a person already in the upload is DUPLICATE and says why. */
@StoreTest
class DuplicateTargetsUploadTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    private String batchFor(String duplicateTargets) {
        var campaign = Fixtures.aMinimalCampaign();
        campaign.put("duplicate_targets", duplicateTargets);
        var created = api.post("/api/v1/outbound/campaigns", campaign);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return Fixtures.createBatch(api, created.json().path("id").asLong());
    }

    private Api.Response upload(String batchId, String csv) {
        var r = api.upload(BATCHES + batchId + "/upload_batch", "list.csv", csv);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Produces(ChannelManagerStatus.DUPLICATE)
    @Test
    void a_second_row_with_the_same_normalised_target_is_a_duplicate_naming_the_first() {
        String batchId = batchFor("skip");

        var r = upload(
                batchId,
                "reference_id,target\r\n" + "a,512-555-1234\r\n" + "b,+15125551234\r\n" + "c,(512) 555-1234\r\n"
                        + "d,512-555-1235\r\n");

        assertThat(r.json().path("pending").asInt()).isEqualTo(2);
        assertThat(r.json().path("duplicates").asInt()).isEqualTo(2);
        var results = BatchResults.of(api, batchId);
        assertThat(results.get("a").path("request_status").asString()).isEqualTo("PENDING");
        assertThat(results.get("a").path("reason").isNull()).isTrue();
        assertThat(results.get("a").path("reason_detail").isNull()).isTrue();
        for (String later : List.of("b", "c")) {
            JsonNode row = results.get(later);
            assertThat(row.path("request_status").asString()).isEqualTo("DUPLICATE");
            assertThat(row.path("channel_manager_status").asString()).isEqualTo("DUPLICATE");
            assertThat(row.path("reason").asString()).isEqualTo("DUPLICATE_TARGET");
            assertThat(row.path("reason_detail").asString()).isEqualTo("same target as reference id a");
        }
        assertThat(results.get("d").path("request_status").asString()).isEqualTo("PENDING");
        var counts = api.get(BATCHES + batchId).json().path("status_counts");
        assertThat(counts.path("PENDING").asInt()).isEqualTo(2);
        assertThat(counts.path("DUPLICATE").asInt()).isEqualTo(2);
    }

    @Test
    void a_contact_id_spanning_two_numbers_is_one_person() {
        String batchId = batchFor("skip");

        upload(
                batchId,
                "reference_id,target,contact_id\r\n" + "home,512-555-1234,debtor-7\r\n"
                        + "mobile,512-555-9876,debtor-7\r\n" + "other,512-555-1111,debtor-8\r\n"
                        + "nobody,512-555-2222,\r\n");

        var results = BatchResults.of(api, batchId);
        assertThat(results.get("home").path("request_status").asString()).isEqualTo("PENDING");
        assertThat(results.get("mobile").path("request_status").asString()).isEqualTo("DUPLICATE");
        assertThat(results.get("mobile").path("reason").asString()).isEqualTo("DUPLICATE_TARGET");
        assertThat(results.get("mobile").path("reason_detail").asString())
                .isEqualTo("same contact_id as reference id home");
        assertThat(results.get("other").path("request_status").asString()).isEqualTo("PENDING");
        assertThat(results.get("nobody").path("request_status").asString()).isEqualTo("PENDING");
    }

    @Test
    void an_invalid_or_repeated_row_does_not_claim_the_person() {
        String batchId = batchFor("skip");

        upload(
                batchId,
                "reference_id,target\r\n" + ",512-555-1234\r\n" + "a,not a phone\r\n" + "b,512-555-1234\r\n"
                        + "b,512-555-4321\r\n" + "c,512-555-4321\r\n");

        var statuses = new java.util.ArrayList<String>();
        api.get(BATCHES + batchId + "/results")
                .json()
                .forEach(n -> statuses.add(n.path("request_status").asString()));
        assertThat(statuses).containsExactly("INVALID", "INVALID", "PENDING", "DUPLICATE", "PENDING");
    }

    @Test
    void allow_keeps_both_rows_as_requests() {
        String batchId = batchFor("allow");

        var r = upload(
                batchId, "reference_id,target,contact_id\r\n" + "a,512-555-1234,p1\r\n" + "b,512-555-1234,p1\r\n");

        assertThat(r.json().path("pending").asInt()).isEqualTo(2);
        assertThat(r.json().path("duplicates").asInt()).isZero();
        var results = BatchResults.of(api, batchId);
        assertThat(results.get("b").path("request_status").asString()).isEqualTo("PENDING");
        assertThat(results.get("b").path("reason").isNull()).isTrue();
    }

    private Api.Response add(String batchId, String referenceId, String target, java.util.Map<String, String> vars) {
        var r = api.post(
                BATCHES + batchId + "/requests",
                java.util.Map.of("reference_id", referenceId, "target", target, "request_variables", vars));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Test
    void a_request_added_alone_for_a_person_already_in_the_batch_is_a_duplicate_too() {
        String batchId = batchFor("skip");
        upload(batchId, "reference_id,target,contact_id\r\n" + "a,512-555-1234,\r\n" + "b,512-555-7777,debtorX91\r\n");

        var sameTarget = add(batchId, "c", "+15125551234", java.util.Map.of());
        var sameContact = add(batchId, "d", "512-555-8888", java.util.Map.of("contact_id", "debtorX91"));
        var likeButOther = add(batchId, "e", "512-555-9999", java.util.Map.of("contact_id", "debtor_%1"));
        var targetOfAContact = add(batchId, "f", "512-555-7777", java.util.Map.of());

        assertThat(sameTarget.json().path("request_status").asString()).isEqualTo("DUPLICATE");
        assertThat(sameContact.json().path("request_status").asString()).isEqualTo("DUPLICATE");
        assertThat(likeButOther.json().path("request_status").asString()).isEqualTo("PENDING");
        assertThat(targetOfAContact.json().path("request_status").asString())
                .as("a row with a contact_id is that person, not its number")
                .isEqualTo("PENDING");
        var results = BatchResults.of(api, batchId);
        assertThat(results.get("c").path("reason_detail").asString()).isEqualTo("same target as reference id a");
        assertThat(results.get("d").path("reason").asString()).isEqualTo("DUPLICATE_TARGET");
        assertThat(results.get("d").path("reason_detail").asString()).isEqualTo("same contact_id as reference id b");
        var counts = api.get(BATCHES + batchId).json().path("status_counts");
        assertThat(counts.path("DUPLICATE").asInt()).isEqualTo(2);
        assertThat(counts.path("PENDING").asInt()).isEqualTo(4);
    }

    @Test
    void a_request_added_alone_under_allow_is_never_a_duplicate() {
        String batchId = batchFor("allow");
        upload(batchId, "reference_id,target\r\n" + "a,512-555-1234\r\n");

        assertThat(add(batchId, "b", "+15125551234", java.util.Map.of())
                        .json()
                        .path("request_status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void the_reason_is_a_column_of_the_csv_results() {
        String batchId = batchFor("skip");
        upload(batchId, "reference_id,target\r\n" + "a,512-555-1234\r\n" + "b,512-555-1234\r\n");

        var csv = api.get(BATCHES + batchId + "/results.csv");

        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).contains("reason", "reason_detail");
        int reason = header.indexOf("reason");
        int detail = header.indexOf("reason_detail");
        String[] b = lines.get(2).split(",", -1);
        assertThat(b[0]).isEqualTo("b");
        assertThat(b[reason]).isEqualTo("DUPLICATE_TARGET");
        assertThat(b[detail]).isEqualTo("same target as reference id a");
        String[] a = lines.get(1).split(",", -1);
        assertThat(a[reason]).isEmpty();
    }
}
