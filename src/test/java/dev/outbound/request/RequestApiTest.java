package dev.outbound.request;

import static dev.outbound.testing.Fixtures.aCallList;
import static dev.outbound.testing.Fixtures.createBatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@StoreTest
class RequestApiTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String batchId;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        batchId = createBatch(api);
    }

    private Api.Response add(Object body) {
        return api.post(BATCHES + batchId + "/requests", body);
    }

    @Test
    void an_added_request_is_normalised_pending_and_counted() {
        var r = add(Map.of("reference_id", "r1", "target", "512-555-1234", "request_variables", Map.of("name", "Ann")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("request_status").asString()).isEqualTo("PENDING");
        var result = api.get(BATCHES + batchId + "/results").json().get(0);
        assertThat(result.path("target").asString()).isEqualTo("+15125551234");
        assertThat(result.path("request_variables").path("name").asString()).isEqualTo("Ann");
        assertThat(api.get(BATCHES + batchId)
                        .json()
                        .path("status_counts")
                        .path("PENDING")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void a_request_with_an_invalid_target_is_stored_as_invalid_like_a_csv_row() {
        var r = add(Map.of("reference_id", "r1", "target", "12", "request_variables", Map.of()));
        assertThat(r.json().path("request_status").asString()).isEqualTo("INVALID");
        assertThat(api.get(BATCHES + batchId)
                        .json()
                        .path("status_counts")
                        .path("INVALID")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void a_reference_id_already_in_the_batch_is_a_409() {
        api.upload(BATCHES + batchId + "/upload_batch", "a.csv", aCallList(2));
        var r = add(Map.of("reference_id", "ref-1", "target", "+15125551234", "request_variables", Map.of()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().path("detail").asString()).contains("ref-1");
        assertThat(api.get(BATCHES + batchId)
                        .json()
                        .path("status_counts")
                        .path("PENDING")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void a_malformed_request_is_a_422_naming_each_field() {
        var r = add(Map.of("target", 5125551234L, "request_variables", Map.of("n", 1)));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").toString())
                .contains(
                        "[\"body\",\"reference_id\"]",
                        "[\"body\",\"target\"]",
                        "[\"body\",\"request_variables\",\"n\"]");
        assertThat(add("not json").status()).isEqualTo(422);
    }

    @Test
    void removing_takes_never_attempted_requests_out_of_the_batch_and_reports_unknown_ids() {
        api.upload(BATCHES + batchId + "/upload_batch", "a.csv", aCallList(4) + "ref-0,+15125550000,dup\n");
        var r = api.post(BATCHES + batchId + "/remove-requests", List.of("ref-0", "ref-2", "nope"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("removed").asInt()).isEqualTo(3);
        assertThat(r.json().path("not_found").toString()).isEqualTo("[\"nope\"]");
        var counts = api.get(BATCHES + batchId).json().path("status_counts");
        assertThat(counts.path("PENDING").asInt()).isEqualTo(2);
        assertThat(counts.has("DUPLICATE")).isFalse();
        assertThat(api.get(BATCHES + batchId + "/results?reference_id=ref-2").json())
                .isEmpty();
    }

    @Test
    void removing_keeps_attempted_requests_as_history_and_cancels_those_waiting_for_a_retry() {
        api.upload(BATCHES + batchId + "/upload_batch", "a.csv", aCallList(3));
        // ref-0 was attempted and now waits for a retry; ref-1 is in progress.
        long pk = jdbc.sql("SELECT pk FROM batch WHERE batch_id = :id")
                .param("id", batchId)
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE request SET attempt_count = 1 WHERE batch_pk = :pk AND reference_id = 'ref-0'")
                .param("pk", pk)
                .update();
        jdbc.sql("UPDATE request SET attempt_count = 1, status = 'INITIATED', channel_manager_status = 'QUEUED'"
                        + " WHERE batch_pk = :pk AND reference_id = 'ref-1'")
                .param("pk", pk)
                .update();
        jdbc.sql(
                        "UPDATE status_count SET n = n - 1 WHERE batch_pk = :pk AND request_status = 'PENDING' AND stripe ="
                                + " (SELECT MIN(stripe) FROM status_count WHERE batch_pk = :pk AND request_status = 'PENDING' AND n > 0)")
                .param("pk", pk)
                .update();
        jdbc.sql("INSERT INTO status_count (batch_pk, request_status, channel_status, stripe, n)"
                        + " VALUES (:pk, 'INITIATED', 'QUEUED', 0, 1)")
                .param("pk", pk)
                .update();

        var r = api.post(BATCHES + batchId + "/remove-requests", List.of("ref-0", "ref-1", "ref-2"))
                .json();
        assertThat(r.path("removed").asInt()).isEqualTo(1);
        assertThat(r.path("canceled").asInt()).isEqualTo(1);
        assertThat(r.path("kept").toString()).isEqualTo("[\"ref-0\",\"ref-1\"]");
        var counts = api.get(BATCHES + batchId).json().path("status_counts");
        assertThat(counts.path("CANCELED").asInt()).isEqualTo(1);
        assertThat(counts.path("INITIATED").asInt()).isEqualTo(1);
        assertThat(counts.has("PENDING")).as(counts.toString()).isFalse();
    }

    @Test
    void remove_requests_takes_a_json_array_of_strings() {
        var r = api.post(BATCHES + batchId + "/remove-requests", Map.of("ids", List.of("a")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(api.post(BATCHES + batchId + "/remove-requests", List.of("a", 1))
                        .json()
                        .path("detail")
                        .get(0)
                        .path("loc")
                        .toString())
                .isEqualTo("[\"body\",1]");
    }

    @Test
    void a_deleted_batch_takes_no_new_requests() {
        api.deleteForm(BATCHES + batchId, Map.of("delete_reason", "done"));
        var r = add(Map.of("reference_id", "late", "target", "+15125551234", "request_variables", Map.of()));
        assertThat(r.status()).isEqualTo(409);
    }
}
