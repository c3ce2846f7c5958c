package dev.outbound.channel;

import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Composes the email of an attempt, for every email channel. (Skeleton: the sender rule,
 * campaign variables, HTML part and unsubscribe headers of issue 15 come next.)
 */
@Component
public class EmailComposer {
    private final SmtpProperties smtp;

    EmailComposer(SmtpProperties smtp) {
        this.smtp = smtp;
    }

    /** The email of {@code attempt}; {@code messageId} is the id the channel gives it. */
    public EmailMessage compose(ChannelAttempt attempt, String messageId) {
        EmailTemplate t = EmailTemplate.from(attempt.variables());
        return new EmailMessage(smtp.from(), attempt.target(), t.subject(), t.body(), null, Map.of());
    }
}
