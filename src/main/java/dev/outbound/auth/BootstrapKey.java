package dev.outbound.auth;

import dev.outbound.OutboundProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Makes OUTBOUND_BOOTSTRAP_API_KEY valid at start, as superuser of the default organization. */
@Component
class BootstrapKey implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(BootstrapKey.class);
    private final Organizations organizations;
    private final OutboundProperties properties;

    BootstrapKey(Organizations organizations, OutboundProperties properties) {
        this.organizations = organizations;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        long organizationId = organizations.ensure(properties.defaultOrganization());
        String key = properties.bootstrapApiKey();
        if (key.isBlank()) {
            return;
        }
        organizations.ensureKey(organizationId, key.trim(), properties.bootstrapUserEmail(), true);
        // The key itself is never logged, only that one is configured.
        log.info("Bootstrap API key is valid for organization '{}'", properties.defaultOrganization());
    }
}
