package dev.outbound.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP email channel ({@code OUTBOUND_CHANNELS_EMAIL=smtp}), bound from {@code OUTBOUND_SMTP_*}.
 *
 * @param host relay host; required when the channel is used
 * @param port relay port
 * @param username login, empty for none
 * @param password password, never logged
 * @param from sender address of every message
 * @param startTls STARTTLS when the server offers it ({@code OUTBOUND_SMTP_STARTTLS})
 * @param concurrency messages sent at once ({@code OUTBOUND_SMTP_CONCURRENCY})
 * @param timeout connect and read timeout ({@code OUTBOUND_SMTP_TIMEOUT})
 */
@ConfigurationProperties("outbound.smtp")
public record SmtpProperties(
        @DefaultValue("") String host,
        @DefaultValue("587") int port,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("") String from,
        @DefaultValue("true") boolean startTls,
        @DefaultValue("4") int concurrency,
        @DefaultValue("10s") Duration timeout) {

    public SmtpProperties {
        if (concurrency < 1) {
            throw new IllegalArgumentException("OUTBOUND_SMTP_CONCURRENCY must be at least 1");
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SmtpProperties[host=" + host + ", port=" + port + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "***") + ", from=" + from + ", startTls=" + startTls
                + ", concurrency=" + concurrency + ", timeout=" + timeout + "]";
    }
}
