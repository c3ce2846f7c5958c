package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.Channel;
import dev.outbound.channel.ChannelAttempt;
import dev.outbound.channel.ChannelListener;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.channel.Mode;
import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.Produces;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A fault of ours while starting an attempt ends the request UNEXPECTED_ERROR, saying what failed. */
@StoreTest
@Import({DispatchTestConfig.class, UnexpectedErrorTest.BrokenChannelConfig.class})
class UnexpectedErrorTest {
    private static final AtomicInteger STARTS = new AtomicInteger();

    @TestConfiguration
    static class BrokenChannelConfig {
        /** An email channel with a bug: every start throws. */
        @Bean
        Channel brokenChannel() {
            return new Channel() {
                @Override
                public String name() {
                    return "broken";
                }

                @Override
                public Set<Mode> modes() {
                    return Set.of(Mode.EMAIL);
                }

                @Override
                public String start(ChannelAttempt attempt, ChannelListener listener) {
                    STARTS.incrementAndGet();
                    throw new IllegalStateException("template engine exploded");
                }
            };
        }
    }

    @DynamicPropertySource
    static void broken(DynamicPropertyRegistry r) {
        r.add("outbound.channels.email", () -> "broken");
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        clock.set(DispatchTestConfig.START);
    }

    @Test
    @Produces(ChannelManagerStatus.UNEXPECTED_ERROR)
    void a_request_whose_start_fails_on_our_side_ends_failed_with_the_error_in_its_detail_and_is_not_retried() {
        var campaign = Fixtures.aMinimalCampaign();
        campaign.put("mode", "email");
        campaign.put("active_days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        campaign.put("hourly_rate", 3600);
        campaign.put("retry_count", 3);
        campaign.put("retry_interval", "1m");
        var c = api.post("/api/v1/outbound/campaigns", campaign);
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        var batch = Fixtures.aBatchFor(c.json().path("id").asLong());
        assertThat(api.post("/api/v1/outbound/batches", batch).status()).isEqualTo(200);
        String id = String.valueOf(batch.get("batch_id"));
        var upload = api.upload(
                "/api/v1/outbound/batches/" + id + "/upload_batch",
                "list.csv",
                "reference_id,target\nr0,ann@example.com\n");
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        int before = STARTS.get();

        for (int i = 0; i < 300; i++) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }

        JsonNode r0 = BatchResults.of(api, id).get("r0");
        assertThat(r0.path("request_status").asString()).isEqualTo("FAILED");
        assertThat(r0.path("channel_manager_status").asString()).isEqualTo("UNEXPECTED_ERROR");
        var attempts = api.get("/api/v1/outbound/batches/" + id + "/requests/r0/attempts")
                .json();
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).path("detail").asString())
                .isEqualTo("IllegalStateException: template engine exploded");
        assertThat(STARTS.get() - before).isEqualTo(1);
    }
}
