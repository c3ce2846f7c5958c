package dev.outbound.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the metrics on the service's own port, bound from {@code OUTBOUND_METRICS_TOKEN}.
 * With {@code OUTBOUND_MANAGEMENT_PORT} set the metrics are not on the service's port at all.
 *
 * @param metricsToken the bearer token {@code /actuator/prometheus} asks for; empty: the metrics
 *     are not served on the service's port (404)
 */
@ConfigurationProperties("outbound.management")
public record ManagementProperties(String metricsToken) {
    public ManagementProperties {
        metricsToken = metricsToken == null ? "" : metricsToken.trim();
    }

    boolean metricsServed() {
        return !metricsToken.isEmpty();
    }

    /** The token is a secret: never in a log line, an error page or a debugger's summary. */
    @Override
    public String toString() {
        return "ManagementProperties[metricsToken=" + (metricsServed() ? "(set)" : "(empty)") + "]";
    }
}
