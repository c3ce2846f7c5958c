package dev.outbound.channel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every email channel (SMTP, SendGrid) shares, bound from {@code OUTBOUND_EMAIL_*}.
 *
 * @param from the default sender ({@code OUTBOUND_EMAIL_FROM}); empty means {@code
 *     OUTBOUND_SMTP_FROM}, its older name
 * @param senderDomains comma list of domains a campaign's {@code source} may send from ({@code
 *     OUTBOUND_EMAIL_SENDER_DOMAINS}); empty means every email goes from the default sender
 */
@ConfigurationProperties("outbound.email")
public record EmailProperties(
        @DefaultValue("") String from, @DefaultValue("") String senderDomains) {

    /** The listed domains, lower case. */
    public List<String> domains() {
        return Arrays.stream(senderDomains.split(","))
                .map(d -> d.strip().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .toList();
    }

    /** Whether {@code address} is an email address in one of the listed domains. */
    public boolean listed(@Nullable String address) {
        if (address == null) {
            return false;
        }
        String a = address.strip();
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return false;
        }
        return domains().contains(a.substring(at + 1).toLowerCase(Locale.ROOT));
    }
}
