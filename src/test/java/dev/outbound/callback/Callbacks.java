package dev.outbound.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.dispatch.Dispatcher;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the callback tests share: batches that dial at once, ticks on the test clock, reads. */
record Callbacks(Api api, Dispatcher dispatcher, MutableClock clock) {
    static final String BATCHES = "/api/v1/outbound/batches/";

    /** A batch of {@code targets} (r0, r1...) under a campaign open every day at 3600/h with {@code settings}. */
    String batch(Map<String, Object> settings, Map<String, Object> batchSettings, String... targets) {
        var campaign = Fixtures.aMinimalCampaign();
        campaign.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        campaign.put("hourly_rate", 3600);
        campaign.putAll(settings);
        var c = api.post("/api/v1/outbound/campaigns", campaign);
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        var batch = Fixtures.aBatchFor(c.json().path("id").asLong());
        batch.putAll(batchSettings);
        var b = api.post("/api/v1/outbound/batches", batch);
        assertThat(b.status()).as(b.body()).isEqualTo(200);
        String id = String.valueOf(batch.get("batch_id"));
        var csv = new StringBuilder("reference_id,target\n");
        for (int i = 0; i < targets.length; i++) {
            csv.append("r").append(i).append(',').append(targets[i]).append('\n');
        }
        var upload = api.upload(BATCHES + id + "/upload_batch", "list.csv", csv.toString());
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        return id;
    }

    /** Ticks once a second for {@code total}, then once more. */
    void run(Duration total) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }
        dispatcher.tick();
    }

    Api.Response callback(String batchId, String ref, String at, String note) {
        var body = new HashMap<String, Object>();
        body.put("at", at);
        body.put("note", note);
        return api.post(BATCHES + batchId + "/requests/" + ref + "/callback", body);
    }

    JsonNode result(String batchId, String ref) {
        return BatchResults.of(api, batchId).get(ref);
    }

    int attempts(String batchId, String ref) {
        return result(batchId, ref).path("attempt_count").asInt();
    }

    String status(String batchId, String ref) {
        return result(batchId, ref).path("request_status").asString();
    }
}
