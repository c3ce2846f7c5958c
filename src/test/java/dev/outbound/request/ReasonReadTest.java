package dev.outbound.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.StoreTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The reason a rule gave (here written as the rule would leave it) on every read: results JSON
 * and CSV, and the attempt history.
 */
@StoreTest
class ReasonReadTest {
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
        batchId = Fixtures.createBatch(api);
        var r = api.upload(
                BATCHES + batchId + "/upload_batch",
                "list.csv",
                "reference_id,target\r\nheld,+14155550123\r\nfree,+14155550124\r\n");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private long requestId(String referenceId) {
        return jdbc.sql("""
                        SELECT r.id FROM request r JOIN batch b ON b.pk = r.batch_pk
                        WHERE b.batch_id = :batch AND r.reference_id = :ref
                        """)
                .param("batch", batchId)
                .param("ref", referenceId)
                .query(Long.class)
                .single();
    }

    private void heldAfterOneAttempt(String referenceId) {
        long id = requestId(referenceId);
        var at = OffsetDateTime.of(2026, 12, 1, 14, 0, 0, 0, ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO request_attempt (request_id, attempt_no, idempotency_key, started_at, ended_at, outcome)
                        VALUES (:id, 1, :key, :at, :at, 'no_answer')
                        """).param("id", id).param("key", "k-" + id).param("at", at).update();
        jdbc.sql("UPDATE request SET reason = 'CONTACT_LIMIT', reason_detail = :detail WHERE id = :id")
                .param("detail", "7 attempts in 7 days; next allowed 2026-12-03T14:00Z")
                .param("id", id)
                .update();
    }

    @Test
    void results_say_why_a_request_is_held_and_null_when_no_rule_applied() {
        heldAfterOneAttempt("held");

        var results = BatchResults.of(api, batchId);

        assertThat(results.get("held").path("reason").asString()).isEqualTo("CONTACT_LIMIT");
        assertThat(results.get("held").path("reason_detail").asString())
                .isEqualTo("7 attempts in 7 days; next allowed 2026-12-03T14:00Z");
        assertThat(results.get("free").has("reason")).isTrue();
        assertThat(results.get("free").path("reason").isNull()).isTrue();
        assertThat(results.get("free").path("reason_detail").isNull()).isTrue();
    }

    @Test
    void the_attempt_history_carries_the_requests_current_reason() {
        heldAfterOneAttempt("held");

        JsonNode attempts =
                api.get(BATCHES + batchId + "/requests/held/attempts").json();

        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).path("outcome").asString()).isEqualTo("no_answer");
        assertThat(attempts.get(0).path("reason").asString()).isEqualTo("CONTACT_LIMIT");
        assertThat(attempts.get(0).path("reason_detail").asString()).startsWith("7 attempts in 7 days");
    }

    @Test
    void the_csv_export_has_the_reason_columns() {
        heldAfterOneAttempt("held");

        var csv = api.get(BATCHES + batchId + "/results.csv?reference_id=held").body();

        assertThat(csv.lines().toList().get(1))
                .contains(",CONTACT_LIMIT,7 attempts in 7 days; next allowed 2026-12-03T14:00Z");
    }
}
