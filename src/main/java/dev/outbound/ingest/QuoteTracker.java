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
    // States as ints: the loop below runs once per character of the upload.
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private int state = FIELD_START;
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
            case FIELD_START -> c == '"' ? opened() : separator(c) ? FIELD_START : UNQUOTED;
            case UNQUOTED -> separator(c) ? FIELD_START : UNQUOTED;
            case QUOTED -> c == '"' ? QUOTE_IN_QUOTED : QUOTED;
            // A doubled quote is a quote inside the field; anything else closed it.
            default -> c == '"' ? QUOTED : separator(c) ? FIELD_START : UNQUOTED;
        };
    }

    private int opened() {
        openedOnLine = line;
        return QUOTED;
    }

    private void atEnd() {
        if (state == QUOTED) {
            throw new InvalidUpload("Invalid file format: the quoted field that starts on line " + openedOnLine
                    + " is never closed (unbalanced quote)");
        }
    }

    private static boolean separator(char c) {
        return c == ',' || c == '\n' || c == '\r';
    }
}
