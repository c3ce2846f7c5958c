package dev.outbound.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Each API key has its own allowance, 2 requests a second and 3 at once, and its organization one
 * for all its keys together, 4 a second and 5 at once, on a clock the test moves.
 */
@StoreTest
@TestPropertySource(
        properties = {
            "outbound.api.rate-limit=2",
            "outbound.api.rate-burst=3",
            "outbound.api.organization-rate-limit=4",
            "outbound.api.organization-rate-burst=5"
        })
@Import(RateLimitTest.Clocks.class)
class RateLimitTest {
    private static final String CAMPAIGNS = "/api/v1/outbound/campaigns";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    Api first;
    Api second;

    @BeforeEach
    void setUp() {
        first = Api.at(port);
        // A minute of standing still refills every bucket, whatever earlier tests spent.
        clock.advance(Duration.ofMinutes(1));
        var created = first.post("/api/v1/outbound/api-keys", Map.of("user_email", "second@example.com"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        second = first.withKey(created.json().path("api_key").asString());
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void a_key_over_its_limit_gets_429_with_retry_after_while_another_key_still_gets_200() {
        for (int i = 0; i < 3; i++) {
            assertThat(first.get(CAMPAIGNS).status()).isEqualTo(200);
        }
        var refused = first.get(CAMPAIGNS);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().path("detail").asString()).contains("Rate limit exceeded", "2 requests per second");

        assertThat(second.get(CAMPAIGNS).status()).isEqualTo(200);
        assertThat(first.get(CAMPAIGNS).status()).isEqualTo(429);
    }

    @Test
    void more_keys_do_not_buy_an_organization_more_than_its_own_allowance() {
        var other = first.post(
                "/api/v1/outbound/organizations",
                Map.of("name", "rate-" + System.nanoTime(), "admin_email", "o@rate.example"));
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        var stranger =
                first.withKey(other.json().path("admin_key").path("api_key").asString());
        clock.advance(Duration.ofMinutes(1));

        for (int i = 0; i < 3; i++) {
            assertThat(first.get(CAMPAIGNS).status()).isEqualTo(200);
        }
        assertThat(second.get(CAMPAIGNS).status()).isEqualTo(200);
        assertThat(second.get(CAMPAIGNS).status()).isEqualTo(200);
        var refused = second.get(CAMPAIGNS);
        assertThat(refused.status())
                .as("the second key has allowance left, its organization has none")
                .isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().path("detail").asString()).contains("this organization", "4 requests per second");

        assertThat(stranger.get(CAMPAIGNS).status())
                .as("another organization has its own allowance")
                .isEqualTo(200);
    }

    @Test
    void the_allowance_refills_as_the_clock_moves() {
        for (int i = 0; i < 3; i++) {
            first.get(CAMPAIGNS);
        }
        assertThat(first.get(CAMPAIGNS).status()).isEqualTo(429);
        clock.advance(Duration.ofMillis(500));
        assertThat(first.get(CAMPAIGNS).status()).isEqualTo(200);
        assertThat(first.get(CAMPAIGNS).status()).isEqualTo(429);
    }

    @Test
    void an_unknown_key_is_401_not_429() {
        for (int i = 0; i < 5; i++) {
            assertThat(first.withKey("no-such-key").get(CAMPAIGNS).status()).isEqualTo(401);
        }
    }

    @Test
    void a_limit_of_zero_lets_every_request_through() {
        var limiter = new KeyRateLimiter(new RateLimitProperties(0, 0, 0, 0), clock);
        for (int i = 0; i < 10_000; i++) {
            limiter.acquire(1, 1);
        }
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
        }
    }
}
