package dev.outbound.campaign;

import static dev.outbound.campaign.CampaignApiTest.strings;
import static dev.outbound.testing.CampaignBuilder.aCampaign;
import static dev.outbound.testing.CampaignBuilder.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@StoreTest
class CampaignWebhookTest {
    private static final String CAMPAIGNS = "/api/v1/outbound/campaigns";
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-first".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "0123456789abcdef0123456789abcdef-second".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET_B64 = Base64.getEncoder().encodeToString(SECRET);
    private static final String OTHER_B64 = Base64.getEncoder().encodeToString(OTHER);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CampaignWebhooks webhooks;

    private Api api() {
        return Api.at(port);
    }

    private JsonNode create(Object body) {
        var r = api().post(CAMPAIGNS, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(SECRET_B64).doesNotContain(OTHER_B64);
        return r.json();
    }

    private JsonNode put(long id, Object body) {
        var r = api().put(CAMPAIGNS + "/" + id, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(SECRET_B64).doesNotContain(OTHER_B64);
        return r.json();
    }

    private byte @org.jspecify.annotations.Nullable [] secretOf(long campaignId, long webhookId) {
        return webhooks.forCampaign(campaignId).stream()
                .filter(w -> w.id() == webhookId)
                .findFirst()
                .orElseThrow()
                .hmacSecret();
    }

    @Test
    void a_secret_is_shown_only_as_its_key_and_stored_encrypted() {
        JsonNode c = create(
                aCampaign().withWebhook(aWebhook().withSecret(SECRET_B64)).build());
        long campaignId = c.path("id").asLong();
        JsonNode hook = c.path("webhooks").get(0);
        assertThat(strings(hook.path("auth_value_keys"))).containsExactly("hmac_secret");
        assertThat(hook.has("auth_values")).isFalse();

        String stored = jdbc.sql("SELECT hmac_secret_enc FROM campaign_webhook WHERE id = :id")
                .param("id", hook.path("id").asLong())
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1:").doesNotContain(SECRET_B64);
        assertThat(secretOf(campaignId, hook.path("id").asLong())).isEqualTo(SECRET);
        assertThat(api().get(CAMPAIGNS + "/" + campaignId).body()).doesNotContain(SECRET_B64);
        assertThat(api().get(CAMPAIGNS).body()).doesNotContain(SECRET_B64);
    }

    @Test
    void the_key_for_secrets_is_generated_once_and_kept_in_the_database() {
        create(aCampaign().withWebhook(aWebhook().withSecret(SECRET_B64)).build());
        create(aCampaign().withWebhook(aWebhook().withSecret(OTHER_B64)).build());
        List<String> keys = jdbc.sql("SELECT secret_value FROM instance_secret WHERE name = 'webhook-secret-key'")
                .query(String.class)
                .list();
        assertThat(keys).hasSize(1);
        assertThat(Base64.getDecoder().decode(keys.getFirst())).hasSize(32);
    }

    @Test
    void a_put_updates_listed_webhooks_by_id_creates_new_ones_and_deletes_the_rest() {
        JsonNode c = create(aCampaign()
                .withWebhook(aWebhook().to("https://a.example.com/hook").withSecret(SECRET_B64))
                .withWebhook(aWebhook().to("https://b.example.com/hook").withSecret(SECRET_B64))
                .withWebhook(aWebhook().to("https://c.example.com/hook").withSecret(SECRET_B64))
                .build());
        long id = c.path("id").asLong();
        long a = c.path("webhooks").get(0).path("id").asLong();
        long b = c.path("webhooks").get(1).path("id").asLong();
        long deleted = c.path("webhooks").get(2).path("id").asLong();

        JsonNode updated = put(
                id,
                aCampaign()
                        .named("renamed")
                        .withWebhook(aWebhook()
                                .withId(a)
                                .to("https://a2.example.com/hook")
                                .with("trigger_statuses", List.of("FAILED"))
                                .withSecret(null))
                        .withWebhook(aWebhook().withId(b))
                        .withWebhook(
                                aWebhook().to("https://new.example.com/hook").withSecret(null))
                        .build());

        JsonNode hooks = updated.path("webhooks");
        assertThat(updated.path("campaign_name").asString()).isEqualTo("renamed");
        assertThat(hooks.size()).isEqualTo(3);
        assertThat(hooks.get(0).path("id").asLong()).isEqualTo(a);
        assertThat(hooks.get(0).path("url").asString()).isEqualTo("https://a2.example.com/hook");
        assertThat(strings(hooks.get(0).path("trigger_statuses"))).containsExactly("FAILED");
        assertThat(strings(hooks.get(0).path("auth_value_keys"))).containsExactly("hmac_secret");
        assertThat(hooks.get(1).path("id").asLong()).isEqualTo(b);
        assertThat(strings(hooks.get(1).path("auth_value_keys"))).isEmpty();
        assertThat(strings(hooks.get(2).path("auth_value_keys"))).isEmpty();
        assertThat(hooks.valueStream().map(h -> h.path("id").asLong())).doesNotContain(deleted);

        assertThat(secretOf(id, a)).as("null keeps the stored secret").isEqualTo(SECRET);
        assertThat(secretOf(id, b)).as("omitted removes it").isNull();
        assertThat(secretOf(id, hooks.get(2).path("id").asLong())).isNull();
    }

    @Test
    void a_put_can_replace_a_secret() {
        JsonNode c = create(
                aCampaign().withWebhook(aWebhook().withSecret(SECRET_B64)).build());
        long id = c.path("id").asLong();
        long hook = c.path("webhooks").get(0).path("id").asLong();
        put(
                id,
                aCampaign()
                        .withWebhook(aWebhook().withId(hook).withSecret(OTHER_B64))
                        .build());
        assertThat(secretOf(id, hook)).isEqualTo(OTHER);
    }

    @Test
    void a_put_naming_a_webhook_of_another_campaign_is_refused_and_changes_nothing() {
        long first =
                create(aCampaign().withWebhook(aWebhook()).build()).path("id").asLong();
        JsonNode second = create(aCampaign().withWebhook(aWebhook()).build());
        long foreign = second.path("webhooks").get(0).path("id").asLong();

        var r = api().put(
                        CAMPAIGNS + "/" + first,
                        aCampaign()
                                .named("should not stick")
                                .withWebhook(aWebhook())
                                .withWebhook(aWebhook().withId(foreign))
                                .build());

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"webhooks\",1,\"id\"]");
        assertThat(api().get(CAMPAIGNS + "/" + first)
                        .json()
                        .path("campaign_name")
                        .asString())
                .isNotEqualTo("should not stick");
    }

    @Test
    void a_put_replaces_every_setting_so_omitted_ones_return_to_their_defaults() {
        JsonNode c = create(aCampaign()
                .with("hourly_rate", 50)
                .with("description", "old")
                .with("timezone", "Europe/Paris")
                .withWebhook(aWebhook())
                .build());
        long id = c.path("id").asLong();
        JsonNode updated = put(id, aCampaign().build());
        assertThat(updated.path("hourly_rate").asInt()).isEqualTo(1);
        assertThat(updated.path("description").isNull()).isTrue();
        assertThat(updated.path("timezone").asString()).isEqualTo("UTC");
        assertThat(updated.path("webhooks").size()).isZero();
        assertThat(updated.path("created_at").asString())
                .isEqualTo(c.path("created_at").asString());
        assertThat(updated.path("updated_at").asString())
                .isNotEqualTo(c.path("updated_at").asString());
        Integer version = jdbc.sql("SELECT version FROM campaign WHERE id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
        assertThat(version).isEqualTo(1);
    }

    @Test
    void an_invalid_put_is_refused_with_422() {
        long id = create(aCampaign().build()).path("id").asLong();
        var r = api().put(CAMPAIGNS + "/" + id, Map.of("campaign_name", "x"));
        assertThat(r.status()).isEqualTo(422);
    }
}
