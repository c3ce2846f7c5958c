package dev.outbound.enrich;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twilio Lookup v2 settings. Shares {@code OUTBOUND_TWILIO_ACCOUNT_SID} / {@code
 * OUTBOUND_TWILIO_AUTH_TOKEN} with the Twilio channel; Lookup is off unless both are set.
 *
 * @param lookupsBaseUrl {@code OUTBOUND_TWILIO_LOOKUPS_BASE_URL}
 * @param lookupTtl how long a cached answer per number is reused ({@code OUTBOUND_TWILIO_LOOKUP_TTL})
 * @param lookupGrace how long the dispatcher holds back a filtered campaign's request whose lookup
 *     has not answered; after that libphonenumber's line type (or unknown) decides ({@code
 *     OUTBOUND_TWILIO_LOOKUP_GRACE})
 * @param lookupConcurrency lookups in flight at once ({@code OUTBOUND_TWILIO_LOOKUP_CONCURRENCY})
 */
@ConfigurationProperties("outbound.twilio")
public record LookupProperties(
        @DefaultValue("https://lookups.twilio.com") String lookupsBaseUrl,
        @DefaultValue("") String accountSid,
        @DefaultValue("") String authToken,
        @DefaultValue("30d") Duration lookupTtl,
        @DefaultValue("5m") Duration lookupGrace,
        @DefaultValue("4") int lookupConcurrency) {

    public LookupProperties {
        if (lookupConcurrency < 1) {
            throw new IllegalArgumentException("OUTBOUND_TWILIO_LOOKUP_CONCURRENCY must be at least 1");
        }
    }

    /** Lookup is used only with credentials. */
    public boolean configured() {
        return !accountSid.isBlank() && !authToken.isBlank();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "LookupProperties[lookupsBaseUrl=" + lookupsBaseUrl + ", accountSid=" + accountSid
                + ", authToken=" + (authToken.isEmpty() ? "" : "***") + ", lookupTtl=" + lookupTtl
                + ", lookupGrace=" + lookupGrace + ", lookupConcurrency=" + lookupConcurrency + "]";
    }
}
