package dev.outbound.batch;

import static dev.outbound.testing.Fixtures.aBatchFor;
import static dev.outbound.testing.Fixtures.aCallList;
import static dev.outbound.testing.Fixtures.createBatch;
import static dev.outbound.testing.Fixtures.createCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.testing.Api;
import dev.outbound.testing.Produces;
import dev.outbound.testing.StoreTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@StoreTest
class BatchApiTest {
    private static final String BATCHES = "/api/v1/outbound/batches";

    @LocalServerPort
    int port;

    Api api;
    long campaignId;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        campaignId = createCampaign(api);
    }

    @Test
    void a_created_batch_reads_back_with_every_field_and_the_caller_as_last_updated_by() {
        var body = aBatchFor(campaignId);
        String expires = Instant.now()
                .plus(2, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        body.put("expires_on", expires);
        body.put("paused", true);
        body.put("call_rate", 25);
        body.put("auto_call_rate", true);

        var created = api.post(BATCHES, body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);

        var got = api.get(BATCHES + "/" + body.get("batch_id")).json();
        assertThat(got.path("batch_id").asString()).isEqualTo(body.get("batch_id"));
        assertThat(got.path("campaign_id").asLong()).isEqualTo(campaignId);
        assertThat(Instant.parse(got.path("expires_on").asString())).isEqualTo(Instant.parse(expires));
        assertThat(got.path("paused").asBoolean()).isTrue();
        assertThat(got.path("call_rate").asInt()).isEqualTo(25);
        assertThat(got.path("auto_call_rate").asBoolean()).isTrue();
        assertThat(got.path("status").asString()).isEqualTo("PENDING");
        assertThat(got.path("auto_call_rate_baseline").isNull()).isTrue();
        assertThat(got.path("last_updated_by").asString()).isEqualTo(Api.SUPERUSER_EMAIL);
        assertThat(got.path("dispatch_id").asString()).hasSize(32);
        assertThat(got.path("status_counts").size()).isZero();
    }

    @Test
    void a_batch_without_options_is_pending_not_paused_and_inherits_the_campaign_rate() {
        var body = aBatchFor(campaignId);
        var created = api.post(BATCHES, body).json();
        assertThat(created.path("paused").asBoolean()).isFalse();
        assertThat(created.path("call_rate").isNull()).isTrue();
        assertThat(created.path("auto_call_rate").asBoolean()).isFalse();
        assertThat(created.path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void invalid_batch_input_is_a_422_naming_every_field_at_fault() {
        var body = new HashMap<String, Object>();
        body.put("campaign_id", "not a number");
        body.put("call_rate", 0);
        body.put("auto_call_rate", true);
        var r = api.post(BATCHES, body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(locs(r))
                .containsExactlyInAnyOrder(
                        List.of("body", "batch_id"),
                        List.of("body", "campaign_id"),
                        List.of("body", "call_rate"),
                        List.of("body", "auto_call_rate"));
        var tooFast = aBatchFor(campaignId);
        tooFast.put("call_rate", 3601);
        assertThat(api.post(BATCHES, tooFast)
                        .json()
                        .path("detail")
                        .get(0)
                        .path("type")
                        .asString())
                .isEqualTo("less_than_equal");
    }

    @Test
    void expires_on_must_be_a_future_datetime() {
        var past = aBatchFor(campaignId);
        past.put("expires_on", "2020-01-01T00:00:00Z");
        assertThat(locs(api.post(BATCHES, past))).containsExactly(List.of("body", "expires_on"));
        var garbage = aBatchFor(campaignId);
        garbage.put("expires_on", "tomorrow");
        assertThat(api.post(BATCHES, garbage)
                        .json()
                        .path("detail")
                        .get(0)
                        .path("type")
                        .asString())
                .isEqualTo("datetime_parsing");
    }

    @Test
    void a_batch_needs_an_existing_campaign_of_the_organization() {
        var r = api.post(BATCHES, aBatchFor(999_999));
        assertThat(r.status()).isEqualTo(422);
        assertThat(locs(r)).containsExactly(List.of("body", "campaign_id"));
    }

    @Test
    void a_batch_id_is_unique_within_the_organization() {
        var body = aBatchFor(campaignId);
        assertThat(api.post(BATCHES, body).status()).isEqualTo(200);
        var again = api.post(BATCHES, body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asString()).contains((String) body.get("batch_id"));
    }

    @Test
    void an_update_changes_only_the_fields_sent_and_null_clears_the_rate() {
        String id = createBatch(api, campaignId);
        var first = api.put(BATCHES + "/" + id, Map.of("call_rate", 40, "paused", true));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("call_rate").asInt()).isEqualTo(40);

        var second = api.put(BATCHES + "/" + id, Map.of("paused", false)).json();
        assertThat(second.path("call_rate").asInt()).isEqualTo(40);
        assertThat(second.path("paused").asBoolean()).isFalse();

        var body = new HashMap<String, Object>();
        body.put("call_rate", null);
        assertThat(api.put(BATCHES + "/" + id, body).json().path("call_rate").isNull())
                .isTrue();
    }

    @Test
    void enabling_auto_pacing_needs_an_expiry_now_or_in_the_same_update() {
        String id = createBatch(api, campaignId);
        var r = api.put(BATCHES + "/" + id, Map.of("auto_call_rate", true));
        assertThat(r.status()).isEqualTo(422);
        assertThat(locs(r)).containsExactly(List.of("body", "auto_call_rate"));
        String expires = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        var ok = api.put(BATCHES + "/" + id, Map.of("auto_call_rate", true, "expires_on", expires));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("auto_call_rate").asBoolean()).isTrue();
    }

    @Produces(ChannelManagerStatus.CANCELED)
    @Test
    void deleting_needs_a_reason_then_cancels_waiting_requests_and_the_batch_stays_readable() {
        String id = createBatch(api, campaignId);
        assertThat(api.upload(BATCHES + "/" + id + "/upload_batch", "list.csv", aCallList(3))
                        .status())
                .isEqualTo(200);

        var noReason = api.deleteForm(BATCHES + "/" + id, Map.of());
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(locs(noReason)).containsExactly(List.of("body", "delete_reason"));

        assertThat(api.deleteForm(BATCHES + "/" + id, Map.of("delete_reason", "User request"))
                        .status())
                .isEqualTo(200);
        var got = api.get(BATCHES + "/" + id).json();
        assertThat(got.path("status").asString()).isEqualTo("CANCELED");
        assertThat(got.path("deleted_reason").asString()).isEqualTo("User request");
        assertThat(got.path("deleted_at").isString()).isTrue();
        assertThat(got.path("status_counts").path("CANCELED").asInt()).isEqualTo(3);
        assertThat(got.path("status_counts").has("PENDING")).isFalse();
        assertThat(got.path("detailed_status_counts")
                        .path("CANCELED")
                        .path("counts")
                        .path("CANCELED")
                        .asInt())
                .isEqualTo(3);

        assertThat(api.deleteForm(BATCHES + "/" + id, Map.of("delete_reason", "again"))
                        .status())
                .isEqualTo(409);
        assertThat(api.put(BATCHES + "/" + id, Map.of("paused", true)).status()).isEqualTo(409);
    }

    @Test
    void the_list_hides_deleted_batches_unless_asked() {
        String kept = createBatch(api, campaignId);
        String deleted = createBatch(api, campaignId);
        api.deleteForm(BATCHES + "/" + deleted, Map.of("delete_reason", "gone"));
        var ids = batchIds(api.get(BATCHES + "?limit=100"));
        assertThat(ids).contains(kept).doesNotContain(deleted);
        assertThat(batchIds(api.get(BATCHES + "?limit=100&include_deleted=true")))
                .contains(kept, deleted);
    }

    @Test
    void the_list_pages_searches_orders_and_projects() {
        long other = createCampaign(api);
        for (int i = 0; i < 5; i++) {
            var body = aBatchFor(other);
            body.put("batch_id", "paging-" + i);
            api.post(BATCHES, body);
        }
        var page = api.get(BATCHES + "?page=1&limit=2&search_fields=campaign_id&search_field_values=" + other
                + "&order_by=batch_id&order_by_direction=asc");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        var json = page.json();
        assertThat(json.path("page").asInt()).isEqualTo(1);
        assertThat(json.path("page_size").asInt()).isEqualTo(2);
        assertThat(json.path("total_count").asInt()).isEqualTo(5);
        assertThat(json.path("total_pages").asInt()).isEqualTo(3);
        assertThat(batchIds(page)).containsExactly("paging-2", "paging-3");

        var search = api.get(BATCHES + "?search_fields=batch_id&search_field_values=GING-4");
        assertThat(batchIds(search)).containsExactly("paging-4");

        var projected =
                api.get(BATCHES + "?search_fields=batch_id&search_field_values=paging-1&fields=batch_id&fields=status");
        var item = projected.json().path("items").get(0);
        assertThat(item.propertyNames())
                .containsExactlyInAnyOrder("batch_id", "status", "campaign_id", "last_updated_by");

        var future = api.get(BATCHES + "?start_datetime=2999-01-01T00:00:00Z");
        assertThat(future.json().path("total_count").asInt()).isZero();
    }

    @Test
    void list_parameters_that_make_no_sense_are_422s() {
        assertThat(locs(api.get(BATCHES + "?page=-1"))).containsExactly(List.of("query", "page"));
        assertThat(locs(api.get(BATCHES + "?limit=abc"))).containsExactly(List.of("query", "limit"));
        assertThat(locs(api.get(BATCHES + "?order_by=name"))).containsExactly(List.of("query", "order_by"));
        assertThat(locs(api.get(BATCHES + "?search_fields=status")))
                .containsExactly(List.of("query", "search_field_values"));
        assertThat(locs(api.get(BATCHES + "?search_fields=campaign_id&search_field_values=x")))
                .containsExactly(List.of("query", "search_field_values", 0));
        assertThat(locs(api.get(BATCHES + "?start_datetime=yesterday")))
                .containsExactly(List.of("query", "start_datetime"));
    }

    @Test
    void a_campaign_with_live_batches_cannot_be_deleted_until_they_are() {
        String id = createBatch(api, campaignId);
        var blocked = api.delete("/api/v1/outbound/campaigns/" + campaignId);
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.json().path("detail").asString()).contains("batch");
        api.deleteForm(BATCHES + "/" + id, Map.of("delete_reason", "cleanup"));
        assertThat(api.delete("/api/v1/outbound/campaigns/" + campaignId).status())
                .isEqualTo(200);
    }

    @Test
    void an_unknown_batch_is_a_404_everywhere() {
        assertThat(api.get(BATCHES + "/nope").status()).isEqualTo(404);
        assertThat(api.put(BATCHES + "/nope", Map.of("paused", true)).status()).isEqualTo(404);
        assertThat(api.deleteForm(BATCHES + "/nope", Map.of("delete_reason", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(api.get(BATCHES + "/nope/results").status()).isEqualTo(404);
        assertThat(api.upload(BATCHES + "/nope/upload_batch", "a.csv", aCallList(1))
                        .status())
                .isEqualTo(404);
    }

    static List<List<Object>> locs(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        var out = new java.util.ArrayList<List<Object>>();
        for (var d : r.json().path("detail")) {
            var loc = new java.util.ArrayList<Object>();
            for (var part : d.path("loc")) {
                loc.add(part.isInt() ? (Object) part.asInt() : part.asString());
            }
            out.add(loc);
        }
        return out;
    }

    static List<String> batchIds(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var ids = new java.util.ArrayList<String>();
        r.json().path("items").forEach(i -> ids.add(i.path("batch_id").asString()));
        return ids;
    }
}
