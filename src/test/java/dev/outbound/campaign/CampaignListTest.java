package dev.outbound.campaign;

import static dev.outbound.testing.CampaignBuilder.aCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@StoreTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignListTest {
    private static final String CAMPAIGNS = "/api/v1/outbound/campaigns";

    @LocalServerPort
    int port;

    private final List<Long> ids = new ArrayList<>();
    private Instant before = Instant.EPOCH;

    @BeforeAll
    void fiveCampaigns() {
        before = Instant.now().minusSeconds(5);
        for (String name : List.of("Delta", "alpha", "Echo", "charlie", "Bravo")) {
            ids.add(api().post(
                            CAMPAIGNS,
                            aCampaign().named(name).with("mode", "voice").build())
                    .json()
                    .path("id")
                    .asLong());
        }
    }

    private Api api() {
        return Api.at(port);
    }

    private JsonNode list(String query) {
        var r = api().get(CAMPAIGNS + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> names(JsonNode page) {
        return page.path("items")
                .valueStream()
                .map(i -> i.path("campaign_name").asString())
                .toList();
    }

    @Test
    void the_newest_campaigns_come_first_by_default() {
        JsonNode page = list("");
        assertThat(names(page)).containsExactly("Bravo", "charlie", "Echo", "alpha", "Delta");
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("page_size").asInt()).isEqualTo(25);
        assertThat(page.path("total_count").asLong()).isEqualTo(5);
        assertThat(page.path("total_pages").asInt()).isEqualTo(1);
    }

    @Test
    void pages_are_cut_by_page_and_limit() {
        JsonNode page = list("?page=1&limit=2");
        assertThat(names(page)).containsExactly("Echo", "alpha");
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("page_size").asInt()).isEqualTo(2);
        assertThat(page.path("total_count").asLong()).isEqualTo(5);
        assertThat(page.path("total_pages").asInt()).isEqualTo(3);
        assertThat(names(list("?page=2&limit=2"))).containsExactly("Delta");
        assertThat(names(list("?page=3&limit=2"))).isEmpty();
    }

    @Test
    void campaigns_are_found_by_name_case_insensitively_and_by_id() {
        assertThat(names(list("?search_fields=campaign_name&search_field_values=ECH")))
                .containsExactly("Echo");
        assertThat(names(list("?search_fields=id&search_field_values=" + ids.get(1))))
                .containsExactly("alpha");
        JsonNode both =
                list("?search_fields=campaign_name&search_field_values=a&search_fields=mode&search_field_values=voice");
        assertThat(both.path("total_count").asLong()).isEqualTo(4);
    }

    @Test
    void a_search_for_an_id_that_is_not_a_number_answers_422() {
        assertThat(api().get(CAMPAIGNS + "?search_fields=id&search_field_values=x")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void results_are_ordered_by_the_property_and_direction_asked_for() {
        assertThat(names(list("?order_by=id&order_by_direction=asc")))
                .containsExactly("Delta", "alpha", "Echo", "charlie", "Bravo");
        assertThat(names(list("?order_by=id&order_by_direction=desc")))
                .containsExactly("Bravo", "charlie", "Echo", "alpha", "Delta");
        assertThat(api().get(CAMPAIGNS + "?order_by=nope").status()).isEqualTo(422);
    }

    @Test
    void fields_keeps_the_properties_asked_for_and_the_required_ones() {
        JsonNode item = list("?fields=mode&fields=source&limit=1").path("items").get(0);
        assertThat(item.propertyNames())
                .containsExactlyInAnyOrder(
                        "mode",
                        "source",
                        "id",
                        "campaign_name",
                        "campaign_variables",
                        "caller_id",
                        "active_days",
                        "last_updated_by");
    }

    @Test
    void start_and_end_datetime_bound_the_creation_time() {
        String future = Instant.now().plusSeconds(3600).toString();
        assertThat(list("?start_datetime=" + before).path("total_count").asLong())
                .isEqualTo(5);
        assertThat(list("?start_datetime=" + future).path("total_count").asLong())
                .isZero();
        assertThat(list("?end_datetime=" + before).path("total_count").asLong()).isZero();
        assertThat(list("?end_datetime=" + future).path("total_count").asLong()).isEqualTo(5);
    }
}
