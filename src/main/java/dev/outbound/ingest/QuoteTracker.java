package dev.outbound.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Follows CSV quoting as the text passes to the parser, to refuse a quoted field that is never
 * closed: the parser accepts one at the end of the file as a field running to the end, which
 * would store a broken last row instead of telling the user.
 */
final class QuoteTracker extends FilterReader {
    private enum State {
        FIELD_START,
        UNQUOTED,
        QUOTED,
        QUOTE_IN_QUOTED
    }

    private State state = State.FIELD_START;
    private long line = 1;
    private long openedOnLine;

    QuoteTracker(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c < 0) {
            atEnd();
        } else {
            follow((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            atEnd();
        }
        for (int i = 0; i < n; i++) {
            follow(buffer[offset + i]);
        }
        return n;
    }

    private void follow(char c) {
        if (c == '\n') {
            line++;
        }
        state = switch (state) {
            case FIELD_START -> c == '"' ? opened() : separator(c) ? State.FIELD_START : State.UNQUOTED;
            case UNQUOTED -> separator(c) ? State.FIELD_START : State.UNQUOTED;
            case QUOTED -> c == '"' ? State.QUOTE_IN_QUOTED : State.QUOTED;
            // A doubled quote is a quote inside the field; anything else closed it.
            case QUOTE_IN_QUOTED -> c == '"' ? State.QUOTED : separator(c) ? State.FIELD_START : State.UNQUOTED;
        };
    }

    private State opened() {
        openedOnLine = line;
        return State.QUOTED;
    }

    private void atEnd() {
        if (state == State.QUOTED) {
            throw new InvalidUpload("Invalid file format: the quoted field that starts on line " + openedOnLine
                    + " is never closed (unbalanced quote)");
        }
    }

    private static boolean separator(char c) {
        return c == ',' || c == '\n' || c == '\r';
    }
}
