package dev.outbound.channel;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Composes the email of an attempt, for every email channel, so SMTP and SendGrid send the same
 * sender, parts and headers.
 *
 * <ul>
 *   <li>From: the campaign's {@code source} when its domain is in {@code
 *       OUTBOUND_EMAIL_SENDER_DOMAINS}, else {@code OUTBOUND_EMAIL_FROM}. Never the {@code
 *       caller_id}: that is a phone number.
 *   <li>Subject, text and HTML: {@link EmailTemplate} over the campaign's variables overlaid by the
 *       request's.
 *   <li>One-click unsubscribe (RFC 8058): {@code List-Unsubscribe} with a signed link under {@code
 *       OUTBOUND_PUBLIC_URL}, and {@code List-Unsubscribe-Post}.
 * </ul>
 */
@Component
public class EmailComposer {
    /** The email channels; with one of them configured the unsubscribe link needs a public URL. */
    static final Set<String> EMAIL_CHANNELS = Set.of("smtp", "sendgrid");

    public static final String UNSUBSCRIBE_PATH = "/email/unsubscribe/";

    private final EmailProperties email;
    private final SmtpProperties smtp;
    private final TwilioProperties publicUrl;
    private final UnsubscribeTokens tokens;

    EmailComposer(
            EmailProperties email,
            SmtpProperties smtp,
            TwilioProperties publicUrl,
            UnsubscribeTokens tokens,
            ChannelProperties channels) {
        if (EMAIL_CHANNELS.contains(channels.email().strip().toLowerCase(Locale.ROOT))
                && publicUrl.publicUrl().isBlank()) {
            throw new IllegalStateException(
                    "OUTBOUND_CHANNELS_EMAIL=" + channels.email().strip()
                            + " needs OUTBOUND_PUBLIC_URL: every email carries an unsubscribe link to this service");
        }
        this.email = email;
        this.smtp = smtp;
        this.publicUrl = publicUrl;
        this.tokens = tokens;
    }

    /** The sender when a campaign's source cannot be: {@code OUTBOUND_EMAIL_FROM}, else {@code OUTBOUND_SMTP_FROM}. */
    public String defaultFrom() {
        return email.from().isBlank() ? smtp.from().strip() : email.from().strip();
    }

    /** The email of {@code attempt}; {@code messageId} is the id the channel gives it. */
    public EmailMessage compose(ChannelAttempt attempt, String messageId) {
        CampaignDelivery campaign = attempt.campaign();
        Map<String, String> variables = new HashMap<>(campaign.variables());
        variables.putAll(attempt.variables());
        EmailTemplate t = EmailTemplate.from(variables);
        String token =
                tokens.sign(new UnsubscribeToken(campaign.organizationId(), attempt.requestId(), attempt.target()));
        var headers = new LinkedHashMap<String, String>();
        headers.put("List-Unsubscribe", "<" + publicUrl.publicBase() + UNSUBSCRIBE_PATH + token + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new EmailMessage(sender(campaign), attempt.target(), t.subject(), t.body(), t.html(), headers);
    }

    private String sender(CampaignDelivery campaign) {
        String source = campaign.source();
        return source != null && email.listed(source) ? source.strip() : defaultFrom();
    }
}
