package dev.outbound.campaign;

import static dev.outbound.testing.CampaignBuilder.aCampaign;
import static dev.outbound.testing.CampaignBuilder.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@StoreTest
@Import(CampaignDeleteTest.Guards.class)
class CampaignDeleteTest {
    private static final String CAMPAIGNS = "/api/v1/outbound/campaigns";

    @LocalServerPort
    int port;

    @Autowired
    BlockingGuard guard;

    @Autowired
    JdbcClient jdbc;

    /** Stands in for batches: blocks deleting the campaigns it is told about. */
    static class BlockingGuard implements CampaignDeletionGuard {
        final Set<Long> blocked = ConcurrentHashMap.newKeySet();

        @Override
        public Optional<String> blockingReason(long organizationId, long campaignId) {
            return blocked.contains(campaignId)
                    ? Optional.of("Campaign " + campaignId + " still has active batches")
                    : Optional.empty();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Guards {
        @Bean
        BlockingGuard blockingGuard() {
            return new BlockingGuard();
        }
    }

    private Api api() {
        return Api.at(port);
    }

    @Test
    void a_deleted_campaign_and_its_webhooks_are_gone() {
        long id = api().post(CAMPAIGNS, aCampaign().withWebhook(aWebhook()).build())
                .json()
                .path("id")
                .asLong();

        var r = api().delete(CAMPAIGNS + "/" + id);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asLong()).isEqualTo(id);
        assertThat(r.json().path("deleted").asBoolean()).isTrue();
        assertThat(api().get(CAMPAIGNS + "/" + id).status()).isEqualTo(404);
        assertThat(api().delete(CAMPAIGNS + "/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM campaign_webhook WHERE campaign_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void a_guard_with_a_reason_blocks_the_delete_with_409() {
        long id = api().post(CAMPAIGNS, aCampaign().build()).json().path("id").asLong();
        guard.blocked.add(id);

        var r = api().delete(CAMPAIGNS + "/" + id);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().path("detail").asString()).isEqualTo("Campaign " + id + " still has active batches");
        assertThat(api().get(CAMPAIGNS + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void another_organization_cannot_delete_a_campaign() {
        long id = api().post(CAMPAIGNS, aCampaign().build()).json().path("id").asLong();
        Api other = api().withKey(SecondOrganization.key(api(), "Deleting org"));
        assertThat(other.delete(CAMPAIGNS + "/" + id).status()).isEqualTo(404);
        assertThat(api().get(CAMPAIGNS + "/" + id).status()).isEqualTo(200);
    }
}
