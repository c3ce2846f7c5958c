package dev.outbound.ingest;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Reads a call list: UTF-8 CSV (a BOM is tolerated, CRLF and quoted newlines handled), a header
 * row naming {@code reference_id} and {@code target} (trimmed, any case), and any other columns,
 * which become string request variables. Rows stream one at a time; problems that make the file
 * unusable are {@link InvalidUpload}s naming the line.
 */
final class CallListReader {
    static final String REFERENCE_ID = "reference_id";
    static final String TARGET = "target";
    /** Optional column naming the person a row is for (one debtor, several numbers). */
    static final String CONTACT_ID = "contact_id";
    /** Optional column: the request's priority, a whole number, higher first (empty: 0). */
    static final String PRIORITY = "priority";
    /** Largest field accepted; longer ones are almost certainly not a call list. */
    static final int MAX_FIELD_CHARS = 1 << 20;
    /** The request table's reference_id and target columns. */
    static final int MAX_ID_CHARS = 500;
    /** The request table's request_variables column, which holds a row's other fields as JSON. */
    static final int MAX_VARIABLES_CHARS = 1_000_000;

    /**
     * One data row; variables are already JSON text (contact_id among them). {@code contactId} is
     * the stripped {@code contact_id} cell, null when the file has no such column or it is empty.
     * {@code priority} is null when the file has no {@code priority} column (it stays a variable too).
     */
    record Row(
            long line,
            String referenceId,
            String target,
            String variablesJson,
            @Nullable String contactId,
            @Nullable Integer priority) {}

    private CallListReader() {}

    /** Reads every row of {@code in} into {@code sink}; answers the number of rows. */
    static long read(InputStream in, Consumer<Row> sink) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var reader = new QuoteTracker(new BufferedReader(new InputStreamReader(in, decoder), 1 << 16));
        try (CsvReader<CsvRecord> csv = CsvReader.builder()
                .skipEmptyLines(true)
                .allowExtraFields(false)
                .allowMissingFields(false)
                .maxBufferSize(MAX_FIELD_CHARS)
                .ofCsvRecord(reader)) {
            Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) {
                throw new InvalidUpload("Invalid file format: the file is empty");
            }
            Header header = Header.of(records.next());
            long rows = 0;
            while (records.hasNext()) {
                CsvRecord record = records.next();
                sink.accept(header.row(record));
                rows++;
            }
            if (rows == 0) {
                throw new InvalidUpload("Invalid file format: the file has a header row but no rows");
            }
            return rows;
        } catch (CsvParseException e) {
            if (e.getCause() instanceof InvalidUpload unbalanced) {
                throw unbalanced;
            }
            throw new InvalidUpload("Invalid file format: " + describe(e));
        } catch (UncheckedIOException e) {
            throw unreadable(java.util.Objects.requireNonNull(e.getCause()));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static InvalidUpload unreadable(IOException e) {
        if (e instanceof CharacterCodingException) {
            return new InvalidUpload(
                    "Invalid file format: the file is not UTF-8 text; save it as CSV UTF-8 and upload again");
        }
        throw new UncheckedIOException(e);
    }

    private static String describe(CsvParseException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UncheckedIOException u && u.getCause() instanceof CharacterCodingException) {
            return "the file is not UTF-8 text; save it as CSV UTF-8 and upload again";
        }
        if (cause instanceof CharacterCodingException) {
            return "the file is not UTF-8 text; save it as CSV UTF-8 and upload again";
        }
        String message = String.valueOf(e.getMessage());
        if (cause != null && cause.getMessage() != null) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message;
    }

    /** Where the columns are. */
    private record Header(int referenceId, int target, int contactId, int priority, List<String> names, int width) {
        static Header of(CsvRecord record) {
            var names = new ArrayList<String>();
            var seen = new HashSet<String>();
            for (int i = 0; i < record.getFieldCount(); i++) {
                String name = record.getField(i).strip();
                if (i == 0 && name.startsWith("\uFEFF")) {
                    name = name.substring(1).strip();
                }
                checkText(name, record.getStartingLineNumber());
                if (!name.isEmpty() && !seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw new InvalidUpload("Invalid file format: column '" + InvalidUpload.quoted(name)
                            + "' appears more than once in the header");
                }
                names.add(name);
            }
            int ref = indexOf(names, REFERENCE_ID);
            int target = indexOf(names, TARGET);
            var missing = new ArrayList<String>();
            if (ref < 0) {
                missing.add(REFERENCE_ID);
            }
            if (target < 0) {
                missing.add(TARGET);
            }
            if (!missing.isEmpty()) {
                throw new InvalidUpload("Missing required fields: " + String.join(", ", missing));
            }
            return new Header(ref, target, indexOf(names, CONTACT_ID), indexOf(names, PRIORITY), names, names.size());
        }

        private static int indexOf(List<String> names, String wanted) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(wanted)) {
                    return i;
                }
            }
            return -1;
        }

        Row row(CsvRecord record) {
            long line = record.getStartingLineNumber();
            var json = new StringBuilder(64);
            json.append('{');
            boolean first = true;
            for (int i = 0; i < width; i++) {
                String value = record.getField(i);
                checkText(value, line);
                if (i == referenceId || i == target || names.get(i).isEmpty()) {
                    continue;
                }
                if (!first) {
                    json.append(',');
                }
                first = false;
                quote(json, names.get(i));
                json.append(':');
                quote(json, value);
            }
            json.append('}');
            String contact = contactId < 0 ? null : record.getField(contactId).strip();
            String reference = record.getField(referenceId).strip();
            tooLong(REFERENCE_ID, reference, MAX_ID_CHARS, line);
            tooLong(TARGET, record.getField(target), MAX_ID_CHARS, line);
            if (json.length() > MAX_VARIABLES_CHARS) {
                throw new InvalidUpload(
                        "Invalid file format: line " + line + ": the row's other columns are longer than "
                                + MAX_VARIABLES_CHARS + " characters together (as JSON)");
            }
            return new Row(
                    line,
                    reference,
                    record.getField(target),
                    json.toString(),
                    contact == null || contact.isEmpty() ? null : contact,
                    priority < 0 ? null : priority(record.getField(priority), line, reference));
        }

        /** A whole number (an empty cell is 0); anything else makes the upload unusable, naming the row. */
        private static int priority(String cell, long line, String referenceId) {
            String value = cell.strip();
            if (value.isEmpty()) {
                return 0;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new InvalidUpload("Invalid file format: line " + line + " (reference_id '"
                        + InvalidUpload.quoted(referenceId) + "'): priority '" + InvalidUpload.quoted(value)
                        + "' is not a whole number");
            }
        }
    }

    /** A value longer than its column would fail the load with a database error; the row is named instead. */
    private static void tooLong(String column, String value, int max, long line) {
        if (value.length() > max) {
            throw new InvalidUpload("Invalid file format: line " + line + ": " + column + " is " + value.length()
                    + " characters long; at most " + max + " are allowed");
        }
    }

    private static void checkText(String value, long line) {
        if (value.indexOf('\0') >= 0) {
            throw new InvalidUpload("Invalid file format: line " + line + " holds binary data; upload a CSV text file");
        }
    }

    private static void quote(StringBuilder json, String s) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, json);
        json.append('"');
    }
}
