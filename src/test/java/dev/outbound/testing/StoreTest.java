package dev.outbound.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of the running service against a real store: a fresh PostgreSQL database (or H2 file
 * database) per test class, chosen by the system property {@code outbound.test.store}. The build
 * runs every such test once per store.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("store")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "outbound.bootstrap-api-key=" + Api.SUPERUSER_KEY,
            "outbound.bootstrap-user-email=" + Api.SUPERUSER_EMAIL,
            // API tests see batches as they leave them; dispatch tests run ticks themselves.
            "outbound.dispatch.enabled=false",
            // Tests fire requests faster than any client should; RateLimitTest turns the limit on.
            "outbound.api.rate-limit=0",
            "outbound.api.organization-rate-limit=0",
            // Tests fail to authenticate on purpose, all from loopback; AuthFailureLimitTest limits it.
            "outbound.auth-failures.exempt-loopback=true"
        })
public @interface StoreTest {}
