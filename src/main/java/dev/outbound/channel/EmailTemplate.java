package dev.outbound.channel;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An email's subject and body from the attempt's variables: {@code subject} and {@code body}, in
 * which {@code {{name}}} is replaced by the variable {@code name} (an unknown name by nothing).
 */
record EmailTemplate(String subject, String body) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    static EmailTemplate from(Map<String, String> variables) {
        return new EmailTemplate(
                fill(variables.getOrDefault("subject", ""), variables).replaceAll("[\\r\\n]+", " "),
                fill(variables.getOrDefault("body", ""), variables));
    }

    static String fill(String text, Map<String, String> variables) {
        Matcher m = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
