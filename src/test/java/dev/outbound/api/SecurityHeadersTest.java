package dev.outbound.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every answer, page or JSON, success or error, carries the browser-side protections. */
@StoreTest
class SecurityHeadersTest {
    @LocalServerPort
    int port;

    private static void assertProtected(String what, Api.Response r) {
        String csp = r.header("Content-Security-Policy");
        assertThat(csp).as(what).contains("frame-ancestors 'none'").contains("script-src 'self'");
        assertThat(csp).as(what).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        for (String name :
                List.of("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy")) {
            assertThat(r.headers().get(name)).as("%s: %s once", what, name).hasSize(1);
        }
        assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
    }

    @Test
    void pages_json_and_errors_all_carry_the_security_headers() {
        var anonymous = Api.at(port).withKey(null);
        for (String path : List.of(
                "/actuator/health",
                "/openapi.json",
                "/docs",
                "/docs/index.html",
                "/docs/swagger-init.js",
                "/console/sign-in",
                "/console/assets/console.css",
                "/no-such-page")) {
            assertProtected(path, anonymous.get(path));
        }
        assertProtected("401 without a key", anonymous.get("/api/v1/outbound/campaigns"));
        assertProtected("200 with a key", Api.at(port).get("/api/v1/outbound/campaigns"));
        assertProtected("404 of the API", Api.at(port).get("/api/v1/outbound/campaigns/999999"));
        assertProtected("422 of the API", Api.at(port).post("/api/v1/outbound/campaigns", java.util.Map.of()));
        assertProtected("an unsubscribe page", anonymous.get("/email/unsubscribe/not-a-token"));
    }

    @Test
    void the_pages_a_browser_renders_need_no_inline_script_or_style() {
        var anonymous = Api.at(port).withKey(null);
        for (String path : List.of("/docs", "/console/sign-in")) {
            String page = anonymous.get(path).body();
            assertThat(page).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)(?![^>]*application/json)[^>]*>");
            assertThat(page)
                    .as(path)
                    .doesNotContain("<style")
                    .doesNotContain(" style=")
                    .doesNotContain("javascript:");
        }
    }
}
