package dev.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.testing.Api;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.StoreTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The retry_rules and machine_outcome extensions of a campaign. */
@StoreTest
class CampaignRetryRulesTest {
    private static final String CAMPAIGNS = "/api/v1/outbound/campaigns";

    @LocalServerPort
    int port;

    @Autowired
    Campaigns campaigns;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    private long create(Map<String, Object> body) {
        var r = api.post(CAMPAIGNS, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private CampaignRules rules(long id) {
        long org = jdbc.sql("SELECT organization_id FROM campaign WHERE id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        return campaigns.rules(org, id);
    }

    private static Map<String, Object> rule(Object count, @Nullable Object interval) {
        var rule = new HashMap<String, Object>();
        rule.put("count", count);
        if (interval != null) {
            rule.put("interval", interval);
        }
        return rule;
    }

    @Test
    void a_campaign_without_the_fields_retries_every_outcome_alike() {
        long id = create(Fixtures.aMinimalCampaign());

        JsonNode got = api.get(CAMPAIGNS + "/" + id).json();

        assertThat(got.path("retry_rules").toString()).isEqualTo("{}");
        assertThat(got.path("machine_outcome").asString()).isEqualTo("retry");
        assertThat(rules(id).retryRules()).isEqualTo(RetryRules.NONE);
    }

    @Test
    void create_get_list_and_the_dispatch_rules_all_carry_the_rules_and_the_machine_outcome() {
        var body = Fixtures.aMinimalCampaign();
        body.put("retry_rules", Map.of("BUSY", rule(3, "10M"), "no-answer", rule(2, "1d"), "MACHINE", rule(0, null)));
        body.put("machine_outcome", "COMPLETE");

        var created = api.post(CAMPAIGNS, body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        long id = created.json().path("id").asLong();

        for (JsonNode c : List.of(
                created.json(),
                api.get(CAMPAIGNS + "/" + id).json(),
                api.get(CAMPAIGNS + "?limit=100").json().path("items").get(0))) {
            assertThat(c.path("retry_rules").toString())
                    .isEqualTo(
                            "{\"BUSY\":{\"count\":3,\"interval\":\"10m\"},\"NO-ANSWER\":{\"count\":2,\"interval\":\"1d\"},"
                                    + "\"MACHINE\":{\"count\":0}}");
            assertThat(c.path("machine_outcome").asString()).isEqualTo("complete");
        }
        assertThat(rules(id).retryRules())
                .isEqualTo(new RetryRules(
                        Map.of(
                                ChannelManagerStatus.BUSY, new RetryRule(3, "10m"),
                                ChannelManagerStatus.NO_ANSWER, new RetryRule(2, "1d"),
                                ChannelManagerStatus.MACHINE, new RetryRule(0, null)),
                        MachineOutcome.COMPLETE));
    }

    @Test
    void a_put_without_the_fields_clears_them() {
        var body = Fixtures.aMinimalCampaign();
        body.put("retry_rules", Map.of("BUSY", rule(1, null)));
        body.put("machine_outcome", "complete");
        long id = create(body);
        body.remove("retry_rules");
        body.remove("machine_outcome");

        var updated = api.put(CAMPAIGNS + "/" + id, body);

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("retry_rules").toString()).isEqualTo("{}");
        assertThat(rules(id).retryRules()).isEqualTo(RetryRules.NONE);
    }

    private void refused(String field, Object value, String loc, String type) {
        var body = Fixtures.aMinimalCampaign();
        body.put(field, value);
        var r = api.post(CAMPAIGNS, body);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        JsonNode first = r.json().path("detail").get(0);
        assertThat(first.path("loc").toString()).as(r.body()).isEqualTo(loc);
        assertThat(first.path("type").asString()).as(r.body()).isEqualTo(type);
    }

    @Test
    void invalid_rules_are_refused_with_the_field_that_is_wrong() {
        String busy = "[\"body\",\"retry_rules\",\"BUSY\"";
        refused("retry_rules", Map.of("HUMAN", rule(1, null)), "[\"body\",\"retry_rules\",\"HUMAN\"]", "value_error");
        refused(
                "retry_rules",
                Map.of("SOMETIMES", rule(1, null)),
                "[\"body\",\"retry_rules\",\"SOMETIMES\"]",
                "value_error");
        refused("retry_rules", Map.of("BUSY", rule(-1, null)), busy + ",\"count\"]", "greater_than_equal");
        refused("retry_rules", Map.of("BUSY", rule(21, null)), busy + ",\"count\"]", "less_than_equal");
        refused("retry_rules", Map.of("BUSY", rule("three", null)), busy + ",\"count\"]", "int_parsing");
        refused("retry_rules", Map.of("BUSY", Map.of("interval", "10m")), busy + ",\"count\"]", "missing");
        refused("retry_rules", Map.of("BUSY", rule(1, "soon")), busy + ",\"interval\"]", "value_error");
        refused("retry_rules", Map.of("BUSY", rule(1, "0m")), busy + ",\"interval\"]", "value_error");
        refused("retry_rules", Map.of("BUSY", 3), busy + "]", "model_attributes_type");
        refused("retry_rules", List.of(), "[\"body\",\"retry_rules\"]", "model_attributes_type");
        refused("machine_outcome", "hang_up", "[\"body\",\"machine_outcome\"]", "enum");
    }

    @Test
    void a_refused_rule_stores_nothing() {
        var body = Fixtures.aMinimalCampaign();
        long id = create(body);
        body.put("retry_rules", Map.of("BUSY", rule(1, "10m"), "DELIVERED", rule(1, null)));
        body.put("campaign_name", "renamed");

        assertThat(api.put(CAMPAIGNS + "/" + id, body).status()).isEqualTo(422);

        JsonNode got = api.get(CAMPAIGNS + "/" + id).json();
        assertThat(got.path("campaign_name").asString()).isNotEqualTo("renamed");
        assertThat(got.path("retry_rules").toString()).isEqualTo("{}");
    }
}
