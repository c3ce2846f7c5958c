package dev.outbound.calendar;

/**
 * Reads the common shape of request variables without a JSON parser: one object whose values
 * are all strings and whose text has no escape ({@code {"name":"Ann","state":"FL"}}, as the call
 * list reader writes them). Anything else (an escape, a number, a nested value, text that is not
 * JSON) answers false, and the caller parses properly; pairs seen before that point have been
 * passed on already, so the caller starts again.
 */
final class FlatJson {
    /** A name and its value, as bounds in the text (quotes excluded), so that nothing is copied unasked. */
    interface Pairs {
        void accept(String text, int nameFrom, int nameTo, int valueFrom, int valueTo);
    }

    private FlatJson() {}

    static boolean read(String text, Pairs pairs) {
        if (text.indexOf('\\') >= 0) {
            return false;
        }
        int n = text.length();
        int i = skipSpace(text, 0);
        if (i >= n || text.charAt(i) != '{') {
            return false;
        }
        i = skipSpace(text, i + 1);
        if (i < n && text.charAt(i) == '}') {
            return skipSpace(text, i + 1) == n;
        }
        while (true) {
            int nameEnd = stringEnd(text, i);
            if (nameEnd < 0) {
                return false;
            }
            int colon = skipSpace(text, nameEnd + 1);
            if (colon >= n || text.charAt(colon) != ':') {
                return false;
            }
            int valueStart = skipSpace(text, colon + 1);
            int valueEnd = stringEnd(text, valueStart);
            if (valueEnd < 0) {
                return false;
            }
            pairs.accept(text, i + 1, nameEnd, valueStart + 1, valueEnd);
            i = skipSpace(text, valueEnd + 1);
            if (i >= n) {
                return false;
            }
            if (text.charAt(i) == '}') {
                return skipSpace(text, i + 1) == n;
            }
            if (text.charAt(i) != ',') {
                return false;
            }
            i = skipSpace(text, i + 1);
        }
    }

    /** The index of the quote closing the string that opens at {@code start}; -1 when none does. */
    private static int stringEnd(String text, int start) {
        if (start >= text.length() || text.charAt(start) != '"') {
            return -1;
        }
        return text.indexOf('"', start + 1);
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && " \t\n\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
