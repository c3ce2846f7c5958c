package dev.outbound.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.StoreTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The CSV export of a batch's results through the API. */
@StoreTest
class ResultsCsvTest {
    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    @Test
    void the_export_has_the_result_fields_then_one_column_per_request_variable() {
        String batchId = Fixtures.createBatch(api);
        String csv = "reference_id,target,name,plan\n"
                + "a-1,+14155550123,Ada,gold\n"
                + "a-2,+14155550124,\"=HYPERLINK(\"\"x\"\")\",\n"
                + "a-3,not-a-number,Bob,\n";
        assertThat(api.upload("/api/v1/outbound/batches/" + batchId + "/upload_batch", "l.csv", csv)
                        .status())
                .isEqualTo(200);

        var r = api.get("/api/v1/outbound/batches/" + batchId + "/results.csv");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).contains("attachment").contains(batchId + "-results.csv");
        var lines = r.body().split("\r\n");
        assertThat(lines[0])
                .isEqualTo("reference_id,target,request_status,channel_manager_status,attempt_count,sent_at,"
                        + "created_at,channel_manager_sid,session_id,conversation_id,insights_status,line_type,"
                        + "insights,reason,reason_detail,name,plan");
        assertThat(lines).hasSize(4);
        assertThat(lines[1])
                .as("an E.164 target is a plain signed number, left as it is")
                .startsWith("a-1,+14155550123,PENDING,")
                .endsWith(",Ada,gold");
        assertThat(lines[2]).as("a formula is defused").endsWith(",\"'=HYPERLINK(\"\"x\"\")\",");
        assertThat(lines[3]).startsWith("a-3,not-a-number,INVALID,");
    }

    @Test
    void the_export_takes_the_results_filters() {
        String batchId = Fixtures.createBatch(api);
        api.upload(
                "/api/v1/outbound/batches/" + batchId + "/upload_batch",
                "l.csv",
                "reference_id,target\nb-1,+14155550123\nb-2,nope\n");

        var r = api.get("/api/v1/outbound/batches/" + batchId + "/results.csv?status=INVALID");

        var lines = r.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith("b-2,");
        assertThat(api.get("/api/v1/outbound/batches/" + batchId + "/results.csv?status=NOPE")
                        .status())
                .isEqualTo(422);
        assertThat(api.get("/api/v1/outbound/batches/missing/results.csv").status())
                .isEqualTo(404);
        assertThat(api.withKey(null)
                        .get("/api/v1/outbound/batches/" + batchId + "/results.csv")
                        .status())
                .isEqualTo(401);
    }
}
