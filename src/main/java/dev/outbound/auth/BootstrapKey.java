package dev.outbound.auth;

import dev.outbound.OutboundProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Makes OUTBOUND_BOOTSTRAP_API_KEY valid at start, as superuser of the default organization.
 * Without it, a store that has no key at all gets one generated admin key, printed once, so a new
 * user can sign in without reading about keys first.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BootstrapKey implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(BootstrapKey.class);
    private final Organizations organizations;
    private final OutboundProperties properties;
    private final Environment environment;

    BootstrapKey(Organizations organizations, OutboundProperties properties, Environment environment) {
        requireLongEnough(properties.bootstrapApiKey());
        this.organizations = organizations;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        long organizationId = organizations.ensure(properties.defaultOrganization());
        String key = properties.bootstrapApiKey();
        if (key.isBlank()) {
            organizations
                    .firstKey(organizationId, properties.bootstrapUserEmail())
                    .ifPresent(created -> {
                        FirstKeyBanner.print(created.apiKey(), properties.defaultOrganization(), consoleUrl());
                        // Logged without the key, so the log says why a key banner appeared.
                        log.info(
                                "No API key existed: made admin key {} (prefix {}) for organization '{}'",
                                created.id(),
                                ApiKeys.displayPrefix(created.apiKey()),
                                properties.defaultOrganization());
                    });
            return;
        }
        organizations.ensureKey(organizationId, key.trim(), properties.bootstrapUserEmail(), true);
        // The key itself is never logged, only that one is configured.
        log.info("Bootstrap API key is valid for organization '{}'", properties.defaultOrganization());
    }

    /**
     * Refuses a short configured key before the service starts. Keys are stored as unsalted
     * SHA-256, which only a long random key makes safe, and a short one (the kind written in
     * examples) is the first a stranger tries.
     */
    static void requireLongEnough(String configured) {
        String key = configured.trim();
        if (!key.isEmpty() && key.length() < ApiKeys.MIN_CONFIGURED_LENGTH) {
            throw new ShortBootstrapKey(key.length());
        }
    }

    /** Runners run once the web server listens, so its actual port is known. */
    private String consoleUrl() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port + "/console";
    }
}
