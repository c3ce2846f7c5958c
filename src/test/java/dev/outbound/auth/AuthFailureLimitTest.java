package dev.outbound.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.api.TooManyRequests;
import dev.outbound.testing.Api;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** Three failed sign-ins a minute per client address, loopback included, on a clock the test moves. */
@StoreTest
@TestPropertySource(
        properties = {
            "outbound.auth-failures.limit=3",
            "outbound.auth-failures.window=1m",
            "outbound.auth-failures.exempt-loopback=false"
        })
@Import(RateLimitTest.Clocks.class)
class AuthFailureLimitTest {
    private static final String CAMPAIGNS = "/api/v1/outbound/campaigns";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    ConsoleSignIn signIn;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        // A window of standing still refills every address, whatever earlier tests spent.
        clock.advance(Duration.ofMinutes(2));
    }

    @Test
    void an_address_that_keeps_presenting_unknown_keys_gets_429_with_retry_after_even_for_a_good_key() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.withKey("guess-" + i).get(CAMPAIGNS).status()).isEqualTo(401);
        }
        var refused = api.withKey("guess-4").get(CAMPAIGNS);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(api.get(CAMPAIGNS).status()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(1));
        assertThat(api.get(CAMPAIGNS).status()).isEqualTo(200);
    }

    @Test
    void good_keys_never_use_up_the_allowance() {
        for (int i = 0; i < 10; i++) {
            assertThat(api.get(CAMPAIGNS).status()).isEqualTo(200);
        }
        assertThat(api.withKey("guess").get(CAMPAIGNS).status()).isEqualTo(401);
    }

    @Test
    void console_sign_in_failures_count_per_address_and_another_address_is_not_held_back() {
        for (int i = 0; i < 3; i++) {
            assertThat(signIn.signIn("guess-" + i, "203.0.113.7")).isEmpty();
        }
        assertThatThrownBy(() -> signIn.signIn(Api.SUPERUSER_KEY, "203.0.113.7"))
                .isInstanceOf(TooManyRequests.class);
        assertThat(signIn.signIn(Api.SUPERUSER_KEY, "203.0.113.8")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(signIn.signIn(Api.SUPERUSER_KEY, "203.0.113.7")).isPresent();
    }

    @Test
    void loopback_is_exempt_only_when_configured() {
        var exempt = new AuthFailures(new AuthFailureProperties(1, Duration.ofMinutes(1), true), clock);
        var limited = new AuthFailures(new AuthFailureProperties(1, Duration.ofMinutes(1), false), clock);
        for (String address : new String[] {"127.0.0.1", "0:0:0:0:0:0:0:1"}) {
            exempt.failed(address);
            exempt.failed(address);
            assertThatNoException().isThrownBy(() -> exempt.check(address));
            limited.failed(address);
            assertThatThrownBy(() -> limited.check(address)).isInstanceOf(TooManyRequests.class);
        }
        exempt.failed("203.0.113.9");
        assertThatThrownBy(() -> exempt.check("203.0.113.9")).isInstanceOf(TooManyRequests.class);
    }
}
