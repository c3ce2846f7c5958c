package dev.outbound.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** SIPp's message log ({@code -trace_msg}) read back as the SIP messages it received and sent. */
public final class SippLog {
    private static final String SEPARATOR = "-----------------------------------------------";

    /** One message as SIPp logged it; {@code received} is from SIPp's side. */
    public record Message(boolean received, String text) {
        public String firstLine() {
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).trim();
        }

        public boolean isRequest(String method) {
            return firstLine().startsWith(method + " ");
        }

        public boolean isResponse(int code, String method) {
            return firstLine().startsWith("SIP/2.0 " + code + " ")
                    && header("CSeq").map(c -> c.endsWith(" " + method)).orElse(false);
        }

        /** The first value of a header (full name, case-insensitive). */
        public Optional<String> header(String name) {
            String wanted = name.toLowerCase(Locale.ROOT) + ":";
            for (String line : text.split("\r?\n")) {
                if (line.isBlank()) {
                    break; // the body starts
                }
                if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
                    return Optional.of(line.substring(wanted.length()).trim());
                }
            }
            return Optional.empty();
        }

        public String callId() {
            return header("Call-ID").orElse("");
        }

        /** The user part of the Request-URI of a request: the number called. */
        public String requestUser() {
            String uri = firstLine().split(" ")[1];
            int at = uri.indexOf('@');
            return at < 0 ? "" : uri.substring(uri.indexOf(':') + 1, at);
        }
    }

    private SippLog() {}

    public static List<Message> parse(String log) {
        var messages = new ArrayList<Message>();
        for (String chunk : log.split(SEPARATOR + "[^\n]*\n")) {
            int header = chunk.indexOf('\n');
            if (header < 0) {
                continue;
            }
            String kind = chunk.substring(0, header);
            String text = chunk.substring(header + 1).strip();
            if (text.isEmpty() || !(kind.contains("received") || kind.contains("sent"))) {
                continue;
            }
            messages.add(new Message(kind.contains("received"), text));
        }
        return messages;
    }
}
