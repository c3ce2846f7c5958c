package dev.outbound.store;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into {@code COPY ... FROM STDIN WITH (FORMAT binary)}, 256 KiB at a time. Binary
 * rows skip what the CSV form costs on both sides: formatting timestamps and numbers as text
 * here, parsing them back on the server (three timestamps a request row), and quoting every
 * field. Each value is written as its column's type, so an Integer for a BIGINT column is
 * widened rather than refused.
 */
final class BinaryCopyLoad implements Dialect.BulkLoad {
    /** The column types this encoder writes; a table with any other is loaded as CSV. */
    enum Kind {
        INT2,
        INT4,
        INT8,
        TEXT,
        TIMESTAMPTZ,
        BOOL;

        /** The kind of a column by its {@code format_type}, or null when binary COPY does not handle it here. */
        static @Nullable Kind of(String formatType) {
            String type = formatType.replaceFirst("\\(.*\\)", "");
            return switch (type) {
                case "smallint" -> INT2;
                case "integer" -> INT4;
                case "bigint" -> INT8;
                case "text", "character varying" -> TEXT;
                case "timestamp with time zone" -> TIMESTAMPTZ;
                case "boolean" -> BOOL;
                default -> null;
            };
        }
    }

    private static final int FLUSH_AT = 256 * 1024;
    /** Seconds from the Unix epoch to PostgreSQL's, 2000-01-01 UTC. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    private static final byte[] HEADER = {
        'P',
        'G',
        'C',
        'O',
        'P',
        'Y',
        '\n',
        (byte) 0xff,
        '\r',
        '\n',
        0, // signature
        0,
        0,
        0,
        0, // flags: no OIDs
        0,
        0,
        0,
        0 // no header extension
    };

    private final CopyIn copy;
    private final Kind[] kinds;
    private byte[] buffer = new byte[FLUSH_AT + 8192];
    private int length;
    private boolean done;

    BinaryCopyLoad(CopyIn copy, List<Kind> kinds) {
        this.copy = copy;
        this.kinds = kinds.toArray(Kind[]::new);
        System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
        length = HEADER.length;
    }

    @Override
    public void add(@Nullable Object... values) throws SQLException {
        if (values.length != kinds.length) {
            throw new IllegalArgumentException(values.length + " values for " + kinds.length + " columns");
        }
        ensure(2);
        putShort(kinds.length);
        for (int i = 0; i < values.length; i++) {
            put(kinds[i], values[i]);
        }
        if (length >= FLUSH_AT) {
            flush();
        }
    }

    private void put(Kind kind, @Nullable Object value) {
        if (value == null) {
            ensure(4);
            putInt(-1);
            return;
        }
        switch (kind) {
            case INT2 -> {
                ensure(6);
                putInt(2);
                putShort(((Number) value).shortValue());
            }
            case INT4 -> {
                ensure(8);
                putInt(4);
                putInt(((Number) value).intValue());
            }
            case INT8 -> {
                ensure(12);
                putInt(8);
                putLong(((Number) value).longValue());
            }
            case BOOL -> {
                ensure(5);
                putInt(1);
                buffer[length++] = (byte) (((Boolean) value) ? 1 : 0);
            }
            case TIMESTAMPTZ -> {
                var t = (OffsetDateTime) value;
                ensure(12);
                putInt(8);
                putLong((t.toEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + t.getNano() / 1_000);
            }
            case TEXT -> putText(value.toString());
        }
    }

    /** UTF-8 straight into the buffer; ASCII, the usual case, without an intermediate array. */
    private void putText(String s) {
        int n = s.length();
        ensure(4 + n * 3);
        int lengthAt = length;
        length += 4;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buffer[length++] = (byte) c;
            } else {
                byte[] rest = s.substring(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                System.arraycopy(rest, 0, buffer, length, rest.length);
                length += rest.length;
                break;
            }
        }
        int bytes = length - lengthAt - 4;
        int end = length;
        length = lengthAt;
        putInt(bytes);
        length = end;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private void putShort(int v) {
        buffer[length++] = (byte) (v >>> 8);
        buffer[length++] = (byte) v;
    }

    private void putInt(int v) {
        buffer[length++] = (byte) (v >>> 24);
        buffer[length++] = (byte) (v >>> 16);
        buffer[length++] = (byte) (v >>> 8);
        buffer[length++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void flush() throws SQLException {
        if (length == 0) {
            return;
        }
        copy.writeToCopy(buffer, 0, length);
        length = 0;
        if (buffer.length > 4 * FLUSH_AT) {
            buffer = new byte[FLUSH_AT + 8192]; // a huge row grew it; do not keep that for the rest
        }
    }

    @Override
    public long finish() throws SQLException {
        ensure(2);
        putShort(-1); // trailer
        flush();
        done = true;
        return copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (!done && copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
