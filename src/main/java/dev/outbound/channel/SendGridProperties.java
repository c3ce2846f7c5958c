package dev.outbound.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SendGrid email channel ({@code OUTBOUND_CHANNELS_EMAIL=sendgrid}), bound from {@code
 * OUTBOUND_SENDGRID_*}. The API key is a secret and never logged ({@link #toString()}).
 *
 * @param apiKey the v3 API key (Mail Send permission); required when the channel is used
 * @param apiBaseUrl where the Mail Send API is, e.g. a local stand-in in tests
 * @param webhookPublicKey the Event Webhook's verification key: Base64 of its DER
 *     SubjectPublicKeyInfo, as SendGrid shows it; without it every event is refused
 * @param webhookMaxAge how old a signed event's timestamp may be; older ones are refused (replays)
 * @param concurrency messages handed to SendGrid at once ({@code OUTBOUND_SENDGRID_CONCURRENCY})
 * @param timeout connect and read timeout of one API request
 */
@ConfigurationProperties("outbound.sendgrid")
public record SendGridProperties(
        @DefaultValue("") String apiKey,
        @DefaultValue("https://api.sendgrid.com") String apiBaseUrl,
        @DefaultValue("") String webhookPublicKey,
        @DefaultValue("10m") Duration webhookMaxAge,
        @DefaultValue("4") int concurrency,
        @DefaultValue("10s") Duration timeout) {

    public SendGridProperties {
        if (concurrency < 1) {
            throw new IllegalArgumentException("OUTBOUND_SENDGRID_CONCURRENCY must be at least 1");
        }
    }

    /** Checked when the channel is chosen, so a half-set-up service fails at start. */
    void requireComplete() {
        if (apiKey.isBlank()) {
            throw new IllegalStateException("OUTBOUND_CHANNELS_EMAIL=sendgrid needs OUTBOUND_SENDGRID_API_KEY");
        }
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "SendGridProperties[apiKey=" + (apiKey.isEmpty() ? "" : "(secret)") + ", apiBaseUrl=" + apiBaseUrl
                + ", webhookPublicKey=" + (webhookPublicKey.isEmpty() ? "" : "(set)") + ", webhookMaxAge="
                + webhookMaxAge + ", concurrency=" + concurrency + ", timeout=" + timeout + "]";
    }
}
