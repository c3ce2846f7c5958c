package dev.outbound.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An {@link EmailComposer} as the service builds it, for channel tests outside Spring. */
final class EmailTesting {
    static final String PUBLIC_URL = "https://outbound.example";
    static final String DEFAULT_FROM = "campaigns@outbound.test";
    static final byte[] KEY = "a test key of at least 32 bytes, never a real one".getBytes(StandardCharsets.UTF_8);

    private EmailTesting() {}

    static UnsubscribeTokens tokens() {
        return new UnsubscribeTokens(KEY::clone);
    }

    static EmailComposer composer(String senderDomains) {
        return composer(new EmailProperties(DEFAULT_FROM, senderDomains), smtp(""), PUBLIC_URL, "smtp");
    }

    static EmailComposer composer(EmailProperties email, SmtpProperties smtp, String publicUrl, String channel) {
        return new EmailComposer(
                email,
                smtp,
                new TwilioProperties(
                        "", "", "https://api.twilio.com", publicUrl, "", 1, Duration.ofSeconds(5), 3, "Enable", "", ""),
                tokens(),
                new ChannelProperties("simulator", "simulator", channel));
    }

    static SmtpProperties smtp(String from) {
        return new SmtpProperties("127.0.0.1", 25, "", "", from, true, 4, Duration.ofSeconds(5));
    }
}
