package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The request variable {@code priority}: due requests are claimed highest first, then in upload
 * order (retries at their due time), one a second at 3600/h on the test clock; a priority that is
 * not a whole number rejects the whole upload.
 */
@StoreTest
@Import(DispatchTestConfig.class)
@TestPropertySource(properties = {"outbound.webhooks.enabled=false", "outbound.simulator.talk-time=0s"})
class PriorityDispatchTest {
    private static final String BATCHES = "/api/v1/outbound/batches/";

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(DispatchTestConfig.START);
    }

    @Test
    void a_high_priority_row_uploaded_last_is_dialled_first_and_equal_priorities_keep_upload_order() {
        String id = batch(Map.of(), """
                reference_id,target,priority
                r0,+15125550700,
                r1,+15125550701,0
                r2,+15125550702,5
                r3,+15125550703,
                r4,+15125550704,9
                r5,+15125550705,5
                """);

        run(Duration.ofSeconds(10));

        assertThat(firstAttemptOrder(id)).containsExactly("r4", "r2", "r5", "r0", "r1", "r3");
        assertThat(prioritized(id)).isTrue();
    }

    @Test
    void retries_keep_their_due_time_order_within_a_priority_and_come_before_lower_priorities() {
        // r0 and r1 are busy (last digit 7), retried 20 s later; thirty plain rows, one a second, are still waiting
        // then.
        var csv = new StringBuilder("reference_id,target,priority\nr0,+15125550807,1\nr1,+15125550817,1\n");
        for (int i = 0; i < 30; i++) {
            csv.append("p").append(i).append(String.format(",+1512556%03d0,0%n", i));
        }
        String id = batch(Map.of("retry_count", 1, "retry_interval", "20s"), csv.toString());

        run(Duration.ofSeconds(40));

        List<String> order = attemptOrder(id);
        assertThat(order.subList(0, 2)).containsExactly("r0#1", "r1#1");
        int firstRetry = order.indexOf("r0#2");
        assertThat(firstRetry).as("r0 retried").isPositive();
        assertThat(order.get(firstRetry + 1)).isEqualTo("r1#2");
        assertThat(order.subList(firstRetry, order.size()))
                .as("plain rows still waiting when the retries fell due come after them")
                .contains("p29#1");
    }

    @Test
    void a_batch_without_priorities_is_not_marked_and_keeps_upload_order() {
        String id = batch(Map.of(), "reference_id,target,priority\nr0,+15125550710,0\nr1,+15125550711,\n");

        run(Duration.ofSeconds(4));

        assertThat(firstAttemptOrder(id)).containsExactly("r0", "r1");
        assertThat(prioritized(id)).isFalse();
    }

    @Test
    void a_priority_that_is_not_a_whole_number_is_a_422_naming_the_row_and_nothing_is_stored() {
        String id = Fixtures.createBatch(api, everyDayCampaign(Map.of()));

        var upload = api.upload(
                BATCHES + id + "/upload_batch",
                "list.csv",
                "reference_id,target,priority\nr0,+15125550720,1\nr1,+15125550721,high\n");

        assertThat(upload.status()).as(upload.body()).isEqualTo(422);
        String msg = upload.json().path("detail").get(0).path("msg").asString();
        assertThat(msg).contains("line 3").contains("'r1'").contains("priority 'high' is not a whole number");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM request r JOIN batch b ON b.pk = r.batch_pk WHERE b.batch_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void a_request_added_alone_with_a_priority_is_dialled_before_the_uploaded_ones() {
        String id = batch(Map.of(), "reference_id,target\nr0,+15125550730\nr1,+15125550731\n");
        var added = api.post(
                BATCHES + id + "/requests",
                Map.of("reference_id", "late", "target", "+15125550732", "request_variables", Map.of("priority", "3")));
        assertThat(added.status()).as(added.body()).isEqualTo(200);

        run(Duration.ofSeconds(4));

        assertThat(firstAttemptOrder(id)).containsExactly("late", "r0", "r1");
        assertThat(prioritized(id)).isTrue();
    }

    @Test
    void a_request_added_alone_with_a_priority_that_is_not_a_whole_number_is_a_422_and_not_stored() {
        String id = batch(Map.of(), "reference_id,target\nr0,+15125550740\n");

        var added = api.post(
                BATCHES + id + "/requests",
                Map.of(
                        "reference_id",
                        "bad",
                        "target",
                        "+15125550741",
                        "request_variables",
                        Map.of("priority", "urgent")));

        assertThat(added.status()).as(added.body()).isEqualTo(422);
        assertThat(added.json().path("detail").get(0).path("loc").toString())
                .isEqualTo("[\"body\",\"request_variables\",\"priority\"]");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM request WHERE reference_id = 'bad'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private void run(Duration total) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }
        dispatcher.tick();
    }

    private long everyDayCampaign(Map<String, Object> settings) {
        var body = Fixtures.aMinimalCampaign();
        body.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        body.put("hourly_rate", 3600);
        body.putAll(settings);
        var r = api.post("/api/v1/outbound/campaigns", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private String batch(Map<String, Object> settings, String csv) {
        String id = Fixtures.createBatch(api, everyDayCampaign(settings));
        var upload = api.upload(BATCHES + id + "/upload_batch", "list.csv", csv);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        return id;
    }

    private List<String> firstAttemptOrder(String batchId) {
        return attemptOrder(batchId).stream()
                .filter(s -> s.endsWith("#1"))
                .map(s -> s.substring(0, s.length() - 2))
                .toList();
    }

    /** "reference#attempt" in the order attempts started. */
    private List<String> attemptOrder(String batchId) {
        return jdbc.sql("""
                        SELECT r.reference_id, a.attempt_no FROM request_attempt a JOIN request r ON r.id = a.request_id
                        JOIN batch b ON b.pk = r.batch_pk WHERE b.batch_id = :id ORDER BY a.started_at, r.id
                        """)
                .param("id", batchId)
                .query((rs, n) -> rs.getString(1) + "#" + rs.getInt(2))
                .list();
    }

    private boolean prioritized(String batchId) {
        return jdbc.sql("SELECT prioritized FROM batch WHERE batch_id = :id")
                .param("id", batchId)
                .query(Boolean.class)
                .single();
    }
}
