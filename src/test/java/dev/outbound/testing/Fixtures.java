package dev.outbound.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test data builders for request bodies: {@code aBatchFor(campaignId)}, and a minimal valid
 * campaign body. Each builder returns a mutable map so a test states only what it cares about.
 */
public final class Fixtures {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Fixtures() {}

    /** The smallest campaign body the contract accepts. */
    public static Map<String, Object> aMinimalCampaign() {
        var body = new HashMap<String, Object>();
        body.put("campaign_name", "Campaign " + SEQUENCE.incrementAndGet());
        body.put("campaign_variables", Map.of());
        body.put("caller_id", null);
        body.put("active_days", List.of("mon", "tue", "wed", "thu", "fri"));
        return body;
    }

    /** Creates a campaign (voice unless {@code mode} says otherwise) and answers its id. */
    public static long createCampaign(Api api, String mode) {
        var body = aMinimalCampaign();
        body.put("mode", mode);
        var r = api.post("/api/v1/outbound/campaigns", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    public static long createCampaign(Api api) {
        return createCampaign(api, "voice");
    }

    /** A batch body for the campaign with a fresh batch id. */
    public static Map<String, Object> aBatchFor(long campaignId) {
        var body = new HashMap<String, Object>();
        body.put("batch_id", "batch-" + SEQUENCE.incrementAndGet());
        body.put("campaign_id", campaignId);
        return body;
    }

    /** Creates a batch under a new campaign and answers its batch id. */
    public static String createBatch(Api api) {
        return createBatch(api, createCampaign(api));
    }

    public static String createBatch(Api api, long campaignId) {
        var body = aBatchFor(campaignId);
        var r = api.post("/api/v1/outbound/batches", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (String) body.get("batch_id");
    }

    /** A call list with a header and {@code rows} valid rows (US numbers) and one variable. */
    public static String aCallList(int rows) {
        var sb = new StringBuilder("reference_id,target,name\n");
        for (int i = 0; i < rows; i++) {
            sb.append("ref-")
                    .append(i)
                    .append(",+1512555")
                    .append(String.format("%04d", 1000 + i))
                    .append(",Name ")
                    .append(i)
                    .append('\n');
        }
        return sb.toString();
    }

    /**
     * A campaign open every day at 3600/h with {@code settings} on top, and a batch of it holding
     * {@code targets} as reference ids r0, r1...; answers the batch id.
     */
    public static String dialableBatch(Api api, Map<String, Object> settings, String... targets) {
        var body = aMinimalCampaign();
        body.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        body.put("hourly_rate", 3600);
        body.putAll(settings);
        var c = api.post("/api/v1/outbound/campaigns", body);
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        var batch = aBatchFor(c.json().path("id").asLong());
        var b = api.post("/api/v1/outbound/batches", batch);
        assertThat(b.status()).as(b.body()).isEqualTo(200);
        String id = String.valueOf(batch.get("batch_id"));
        var csv = new StringBuilder("reference_id,target\n");
        for (int i = 0; i < targets.length; i++) {
            csv.append("r").append(i).append(',').append(targets[i]).append('\n');
        }
        // With several nodes, a dispatcher may hold the new batch's row for a moment: 409, try again.
        String path = "/api/v1/outbound/batches/" + id + "/upload_batch";
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    var upload = api.upload(path, "list.csv", csv.toString());
                    assertThat(upload.status()).as(upload.body()).isIn(200, 409);
                    return upload.status() == 200;
                });
        return id;
    }
}
