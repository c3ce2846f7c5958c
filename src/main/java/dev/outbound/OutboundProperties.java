package dev.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Service-wide settings, bound from the {@code OUTBOUND_*} environment variables listed in
 * application.yml.
 *
 * @param bootstrapApiKey a key made valid at start as superuser of the default organization; empty
 *     for none
 * @param bootstrapUserEmail the user the bootstrap key acts as
 * @param defaultOrganization name of the organization the bootstrap key belongs to
 * @param defaultRegion region used to read phone numbers written without a country code
 * @param defaultTimezone IANA zone for campaigns that do not name one
 * @param secretKey Base64 AES key for webhook secrets at rest; empty means one is generated and
 *     kept in the database
 * @param maxJsonBodyBytes largest JSON body accepted before answering 413
 * @param demo seed the README's example campaign and call list at start
 */
@ConfigurationProperties("outbound")
public record OutboundProperties(
        String bootstrapApiKey,
        String bootstrapUserEmail,
        String defaultOrganization,
        String defaultRegion,
        String defaultTimezone,
        String secretKey,
        long maxJsonBodyBytes,
        boolean demo) {

    /** Never prints the bootstrap key or the secret key: settings end up in logs and error reports. */
    @Override
    public String toString() {
        return "OutboundProperties[bootstrapApiKey=" + redacted(bootstrapApiKey) + ", bootstrapUserEmail="
                + bootstrapUserEmail + ", defaultOrganization=" + defaultOrganization + ", defaultRegion="
                + defaultRegion + ", defaultTimezone=" + defaultTimezone + ", secretKey=" + redacted(secretKey)
                + ", maxJsonBodyBytes=" + maxJsonBodyBytes + ", demo=" + demo + "]";
    }

    private static String redacted(String secret) {
        return secret.isEmpty() ? "" : "(secret)";
    }
}
