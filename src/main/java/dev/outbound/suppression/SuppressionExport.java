package dev.outbound.suppression;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole list as CSV, by target, straight from a database cursor (memory stays flat), in the
 * columns an upload reads back: an export uploads again unchanged.
 */
@Component
public class SuppressionExport {
    static final List<String> COLUMNS = List.of("target", "kind", "source", "reason", "added_by", "created_at");
    /** A signed number (an E.164 target) is no formula; anything else starting like one is defused. */
    private static final Pattern SIGNED_NUMBER = Pattern.compile("[+-][0-9]+(\\.[0-9]+)?");

    private final SuppressionRepository entries;
    private final TransactionTemplate readOnly;

    SuppressionExport(SuppressionRepository entries, TransactionTemplate transactions) {
        this.entries = entries;
        this.readOnly = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
        this.readOnly.setReadOnly(true);
    }

    public void write(long organizationId, OutputStream out) {
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out, StandardCharsets.UTF_8);
        csv.writeRecord(COLUMNS);
        readOnly.executeWithoutResult(status -> entries.each(
                organizationId,
                s -> csv.writeRecord(
                        safe(s.target()),
                        s.kind().wire(),
                        s.source().wire(),
                        safe(s.reason() == null ? "" : s.reason()),
                        safe(s.addedBy()),
                        s.createdAt().toString())));
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OWASP's advice against CSV injection: a leading apostrophe keeps a cell plain text. */
    static String safe(String cell) {
        if (cell.isEmpty() || SIGNED_NUMBER.matcher(cell).matches()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }
}
