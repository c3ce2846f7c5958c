package dev.outbound.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twilio settings ({@code OUTBOUND_TWILIO_*}, {@code OUTBOUND_PUBLIC_URL}). The auth token is a
 * secret: it signs nothing but Twilio's callbacks and is never logged ({@link #toString()}).
 *
 * @param publicUrl where Twilio reaches this service, e.g. {@code https://outbound.example.com};
 *     callbacks are signed over it, so it must be the exact URL Twilio calls
 * @param voiceUrl the default TwiML URL an answered call is handed to (campaign {@code agent_url}
 *     wins)
 * @param cps calls per second the account may create, across all nodes
 * @param timeout how long one API request may take
 * @param retries how many times a request that failed with 5xx or a timeout is tried in all
 * @param machineDetection AMD mode for campaigns with voicemail detection v1 ({@code Enable} or
 *     {@code DetectMessageEnd}); v2 always uses {@code Enable}
 * @param from the number to call or text from when a campaign has neither caller_id nor source
 * @param smsBody the text of an SMS when neither the request nor the campaign has a {@code
 *     message} variable
 */
@ConfigurationProperties("outbound.twilio")
public record TwilioProperties(
        @DefaultValue("") String accountSid,
        @DefaultValue("") String authToken,
        @DefaultValue("https://api.twilio.com") String apiBaseUrl,
        @DefaultValue("") String publicUrl,
        @DefaultValue("") String voiceUrl,
        @DefaultValue("1") double cps,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("3") int retries,
        @DefaultValue("DetectMessageEnd") String machineDetection,
        @DefaultValue("") String from,
        @DefaultValue("") String smsBody) {

    /** The public URL without a trailing slash. */
    String publicBase() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    String apiBase() {
        return apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
    }

    /** Checked when a Twilio channel is configured for a mode, so a half-set-up service fails at start. */
    void requireComplete() {
        if (accountSid.isBlank() || authToken.isBlank() || publicUrl.isBlank()) {
            throw new IllegalStateException("The Twilio channel needs OUTBOUND_TWILIO_ACCOUNT_SID, "
                    + "OUTBOUND_TWILIO_AUTH_TOKEN and OUTBOUND_PUBLIC_URL");
        }
        if (!(cps > 0)) {
            throw new IllegalStateException("OUTBOUND_TWILIO_CPS must be greater than 0, got " + cps);
        }
    }

    @Override
    public String toString() {
        return "TwilioProperties[accountSid=" + accountSid + ", authToken=(secret), apiBaseUrl=" + apiBaseUrl
                + ", publicUrl=" + publicUrl + ", voiceUrl=" + voiceUrl + ", cps=" + cps + "]";
    }
}
