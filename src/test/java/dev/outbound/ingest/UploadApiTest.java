package dev.outbound.ingest;

import static dev.outbound.testing.Fixtures.aCallList;
import static dev.outbound.testing.Fixtures.createBatch;
import static dev.outbound.testing.Fixtures.createCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.testing.Api;
import dev.outbound.testing.Produces;
import dev.outbound.testing.StoreTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@StoreTest
class UploadApiTest {
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

    private Api.Response upload(String csv) {
        return api.upload(BATCHES + batchId + "/upload_batch", "LATE_PAYMENTS.csv", csv);
    }

    private JsonNode batch() {
        return api.get(BATCHES + batchId).json();
    }

    private JsonNode results(String query) {
        var r = api.get(BATCHES + batchId + "/results" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Produces({ChannelManagerStatus.PENDING, ChannelManagerStatus.INVALID})
    @Test
    void an_upload_stores_every_row_normalised_and_counts_them() {
        var r = upload("reference_id,target,first_name\r\n"
                + "a,512-555-1234,Ann\r\n"
                + "b,not a phone,Bob\r\n"
                + "a,+15125559999,Again\r\n"
                + "c,(512) 555-1235,\"Cy, \"\"the\"\" third\"\r\n");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("rows").asInt()).isEqualTo(4);
        assertThat(r.json().path("pending").asInt()).isEqualTo(2);
        assertThat(r.json().path("invalid").asInt()).isEqualTo(1);
        assertThat(r.json().path("duplicates").asInt()).isEqualTo(1);

        var batch = batch();
        assertThat(batch.path("upload_filename").asString()).isEqualTo("LATE_PAYMENTS.csv");
        assertThat(batch.path("status_counts").path("PENDING").asInt()).isEqualTo(2);
        assertThat(batch.path("status_counts").path("INVALID").asInt()).isEqualTo(1);
        assertThat(batch.path("status_counts").path("DUPLICATE").asInt()).isEqualTo(1);
        assertThat(batch.path("detailed_status_counts")
                        .path("PENDING")
                        .path("total_count")
                        .asInt())
                .isEqualTo(2);

        var all = results("");
        assertThat(all).hasSize(4);
        assertThat(all.get(0).path("target").asString()).isEqualTo("+15125551234");
        assertThat(all.get(0).path("request_status").asString()).isEqualTo("PENDING");
        assertThat(all.get(0).path("channel_manager_status").asString()).isEqualTo("PENDING");
        assertThat(all.get(0).path("request_variables").path("first_name").asString())
                .isEqualTo("Ann");
        assertThat(all.get(0).path("attempt_count").asInt()).isZero();
        assertThat(all.get(1).path("request_status").asString()).isEqualTo("INVALID");
        assertThat(all.get(1).path("channel_manager_status").asString()).isEqualTo("INVALID");
        assertThat(all.get(1).path("target").asString()).isEqualTo("not a phone");
        assertThat(all.get(2).path("request_status").asString()).isEqualTo("DUPLICATE");
        assertThat(all.get(3).path("request_variables").path("first_name").asString())
                .isEqualTo("Cy, \"the\" third");
    }

    @Test
    void results_filter_by_reference_id_and_status() {
        upload(aCallList(5) + "bad,12,x\n");
        assertThat(results("?reference_id=ref-3"))
                .singleElement()
                .satisfies(n -> assertThat(n.path("reference_id").asString()).isEqualTo("ref-3"));
        assertThat(results("?status=INVALID"))
                .singleElement()
                .satisfies(n -> assertThat(n.path("reference_id").asString()).isEqualTo("bad"));
        assertThat(results("?status=PENDING")).hasSize(5);
        assertThat(results("?insights_status=COMPLETED")).isEmpty();
        assertThat(api.get(BATCHES + batchId + "/results?status=DONE").status()).isEqualTo(422);
    }

    @Test
    void a_second_upload_is_a_409_and_changes_nothing() {
        assertThat(upload(aCallList(2)).status()).isEqualTo(200);
        var again = upload(aCallList(7));
        assertThat(again.status()).isEqualTo(409);
        assertThat(batch().path("status_counts").path("PENDING").asInt()).isEqualTo(2);
    }

    @Test
    void a_file_missing_a_required_column_fails_the_batch_with_the_reason_and_a_new_upload_is_accepted() {
        var r = upload("reference_id,phone\n1,+15125551234\n");
        assertThat(r.status()).isEqualTo(422);
        var detail = r.json().path("detail").get(0);
        assertThat(detail.path("msg").asString()).isEqualTo("Missing required fields: target");
        assertThat(detail.path("loc").toString()).isEqualTo("[\"body\",\"file\"]");
        assertThat(batch().path("status").asString()).isEqualTo("FAILED");
        assertThat(batch().path("error_message").asString()).isEqualTo("Missing required fields: target");

        assertThat(upload(aCallList(3)).status()).isEqualTo(200);
        assertThat(batch().path("status").asString()).isEqualTo("PENDING");
        assertThat(batch().path("error_message").isNull()).isTrue();
        assertThat(batch().path("status_counts").path("PENDING").asInt()).isEqualTo(3);
    }

    @Test
    void a_file_broken_after_many_good_rows_stores_none_of_them() {
        var csv = new StringBuilder(aCallList(5000));
        csv.append("broken,\"+15125551234\n"); // an opening quote never closed at end of file
        csv.append("x,+15125550000,a,too,many\n");
        var r = upload(csv.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("msg").asString()).startsWith("Invalid file format");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM request").query(Long.class).single())
                .isZero();
        assertThat(batch().path("status_counts").size()).isZero();
        assertThat(batch().path("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void files_that_are_not_call_lists_are_422s_with_a_reason() {
        assertThat(upload("").json().path("detail").get(0).path("msg").asString())
                .contains("empty");
        assertThat(upload("reference_id,target\n")
                        .json()
                        .path("detail")
                        .get(0)
                        .path("msg")
                        .asString())
                .contains("no rows");
        byte[] binary = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13};
        var r = api.upload(BATCHES + batchId + "/upload_batch", "photo.png", binary);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("msg").asString()).startsWith("Invalid file format");
        var latin1 = api.upload(
                BATCHES + batchId + "/upload_batch",
                "x.csv",
                "reference_id,target,n\n1,+15125551234,Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.json().path("detail").get(0).path("msg").asString()).contains("UTF-8");
    }

    @Test
    void an_upload_without_a_file_part_is_a_422() {
        var r = api.send(
                "POST", BATCHES + batchId + "/upload_batch", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"file\"]");
    }

    @Test
    void email_campaign_targets_are_validated_as_addresses() {
        String emailBatch = createBatch(api, createCampaign(api, "email"));
        var r = api.upload(
                BATCHES + emailBatch + "/upload_batch",
                "mail.csv",
                "reference_id,target\n1,ann@example.com\n2,+15125551234\n");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var results = api.get(BATCHES + emailBatch + "/results").json();
        assertThat(results.get(0).path("request_status").asString()).isEqualTo("PENDING");
        assertThat(results.get(1).path("request_status").asString()).isEqualTo("INVALID");
    }

    @Test
    void counters_match_the_rows_they_count() {
        upload(aCallList(50) + "ref-1,+15125550000,dup\nzz,123,bad\n");
        var counts = batch().path("status_counts");
        jdbc.sql(
                        "SELECT r.status, COUNT(*) AS n FROM request r JOIN batch b ON b.pk = r.batch_pk WHERE b.batch_id = :id"
                                + " GROUP BY r.status")
                .param("id", batchId)
                .query(rs -> {
                    assertThat(counts.path(rs.getString("status")).asLong())
                            .as(rs.getString("status"))
                            .isEqualTo(rs.getLong("n"));
                });
    }
}
