package dev.outbound.suppression;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.outbound.api.InvalidInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a suppression list: UTF-8 CSV whose header names {@code target} and optionally
 * {@code kind} and {@code reason} (trimmed, any case; other columns are ignored). Rows stream one
 * at a time. A file that cannot be read as such a table is an {@link InvalidInput} naming the
 * problem; whether a row's values are usable is the caller's business.
 */
final class SuppressionFile {
    /** Largest field accepted; longer ones are almost certainly not a suppression list. */
    private static final int MAX_FIELD_CHARS = 1 << 20;

    /** One data row as written; {@code kind} and {@code reason} are null without their column. */
    record Row(
            long line,
            String target,
            @Nullable String kind,
            @Nullable String reason) {}

    private SuppressionFile() {}

    /** Reads every row of {@code in} into {@code sink}; answers the number of rows. */
    static long read(InputStream in, Consumer<Row> sink) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        try (CsvReader<CsvRecord> csv = CsvReader.builder()
                .skipEmptyLines(true)
                .allowExtraFields(false)
                .allowMissingFields(false)
                .maxBufferSize(MAX_FIELD_CHARS)
                .ofCsvRecord(reader)) {
            Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) {
                throw refused("the file is empty");
            }
            Header header = Header.of(records.next());
            long rows = 0;
            while (records.hasNext()) {
                sink.accept(header.row(records.next()));
                rows++;
            }
            return rows;
        } catch (CsvParseException e) {
            throw refused(notUtf8(e) ? NOT_UTF8 : String.valueOf(e.getMessage()));
        } catch (UncheckedIOException e) {
            throw unreadable(java.util.Objects.requireNonNull(e.getCause()));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static final String NOT_UTF8 = "the file is not UTF-8 text; save it as CSV UTF-8 and upload again";

    private static boolean notUtf8(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static InvalidInput unreadable(IOException e) {
        if (e instanceof CharacterCodingException) {
            return refused(NOT_UTF8);
        }
        throw new UncheckedIOException(e);
    }

    static InvalidInput refused(String problem) {
        return InvalidInput.of("Invalid file format: " + problem, "value_error", "body", "file");
    }

    /** Where the columns are; -1 for an optional column the file does not have. */
    private record Header(int target, int kind, int reason) {
        static Header of(CsvRecord record) {
            int target = -1;
            int kind = -1;
            int reason = -1;
            var seen = new HashSet<String>();
            for (int i = 0; i < record.getFieldCount(); i++) {
                String name = record.getField(i).strip();
                if (i == 0 && name.startsWith("\uFEFF")) {
                    name = name.substring(1).strip();
                }
                name = name.toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !seen.add(name)) {
                    throw refused("column '" + name + "' appears more than once in the header");
                }
                switch (name) {
                    case "target" -> target = i;
                    case "kind" -> kind = i;
                    case "reason" -> reason = i;
                    default -> {}
                }
            }
            if (target < 0) {
                throw InvalidInput.of(
                        "Missing required fields: target (the header row must name a target column)",
                        "value_error",
                        "body",
                        "file");
            }
            return new Header(target, kind, reason);
        }

        Row row(CsvRecord record) {
            return new Row(
                    record.getStartingLineNumber(),
                    record.getField(target),
                    kind < 0 ? null : record.getField(kind),
                    reason < 0 ? null : record.getField(reason));
        }
    }
}
