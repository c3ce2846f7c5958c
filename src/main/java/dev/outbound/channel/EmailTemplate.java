package dev.outbound.channel;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An email's subject, text and HTML from the variables {@code subject}, {@code body} and {@code
 * html}, in which {@code {{name}}} is replaced by the variable {@code name} (an unknown name by
 * nothing). Values filled into the HTML are HTML-escaped: a recipient's name must not become
 * markup. The subject is one line: a header with a line break could smuggle in other headers.
 */
record EmailTemplate(String subject, String body, @Nullable String html) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    EmailTemplate(String subject, String body) {
        this(subject, body, null);
    }

    static EmailTemplate from(Map<String, String> variables) {
        String html = variables.get("html");
        return new EmailTemplate(
                fill(variables.getOrDefault("subject", ""), variables)
                        .replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ")
                        .strip(),
                fill(variables.getOrDefault("body", ""), variables),
                html == null || html.isBlank() ? null : fill(html, variables, EmailTemplate::escapeHtml));
    }

    static String fill(String text, Map<String, String> variables) {
        return fill(text, variables, UnaryOperator.identity());
    }

    private static String fill(String text, Map<String, String> variables, UnaryOperator<String> escape) {
        Matcher m = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(variables.getOrDefault(m.group(1), ""))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escapeHtml(String value) {
        var out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
