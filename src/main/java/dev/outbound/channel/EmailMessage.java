package dev.outbound.channel;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One email as both email channels send it: composed once by {@link EmailComposer}, so SMTP and
 * SendGrid send the same sender, parts and headers.
 *
 * @param from the sender address
 * @param to the recipient address
 * @param subject one line, no line breaks
 * @param text the plain-text part
 * @param html the HTML part, null when the campaign gives none
 * @param headers extra headers (e.g. List-Unsubscribe), in order
 */
public record EmailMessage(
        String from,
        String to,
        String subject,
        String text,
        @Nullable String html,
        Map<String, String> headers) {

    public EmailMessage {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}
