package dev.outbound.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Started;
import dev.outbound.testing.TestStores;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.WebApplicationContext;

/** The console's session cookie is Secure whenever the service is reached over HTTPS. */
@Tag("store")
class SecureCookieTest {
    private static boolean secureAfterStart(Map<String, String> properties) {
        try (var service = Started.service(TestStores.freshDatabase("SecureCookieTest"), properties)) {
            var servletContext =
                    java.util.Objects.requireNonNull(((WebApplicationContext) service).getServletContext());
            return servletContext.getSessionCookieConfig().isSecure();
        }
    }

    @Test
    void an_https_public_url_makes_the_cookie_secure_without_further_setting() {
        assertThat(secureAfterStart(Map.of("outbound.twilio.public-url", "https://outbound.example.com")))
                .isTrue();
    }

    @Test
    void without_a_public_url_the_cookie_is_not_secure_so_plain_http_on_localhost_still_signs_in() {
        assertThat(secureAfterStart(Map.of())).isFalse();
    }

    @Test
    void the_explicit_setting_wins_over_the_public_url() {
        assertThat(SecureCookie.secure("false", "https://outbound.example.com")).isFalse();
        assertThat(SecureCookie.secure("true", "http://localhost:8080")).isTrue();
        assertThat(SecureCookie.secure("", "HTTPS://outbound.example.com")).isTrue();
        assertThat(SecureCookie.secure(null, "http://outbound.example.com")).isFalse();
        assertThat(SecureCookie.secure(null, null)).isFalse();
    }
}
