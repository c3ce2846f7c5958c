package dev.outbound.request.read;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes results as CSV straight from a database cursor: a first pass collects the union of the
 * request variable names (one column each), a second writes the rows. Cells a spreadsheet would
 * read as a formula are defused with a leading apostrophe.
 */
@Component
public class ResultCsv {
    static final List<String> COLUMNS = List.of(
            "reference_id",
            "target",
            "request_status",
            "channel_manager_status",
            "attempt_count",
            "sent_at",
            "created_at",
            "channel_manager_sid",
            "session_id",
            "conversation_id",
            "insights_status",
            "line_type",
            "insights",
            "reason",
            "reason_detail");

    private final RequestResults requests;
    private final JsonMapper json;
    private final TransactionTemplate readOnly;

    ResultCsv(RequestResults requests, JsonMapper json, TransactionTemplate transactions) {
        this.requests = requests;
        this.json = json;
        this.readOnly = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
        this.readOnly.setReadOnly(true);
    }

    public void write(long batchPk, ResultFilter filter, OutputStream out) {
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out, StandardCharsets.UTF_8);
        readOnly.executeWithoutResult(status -> {
            Set<String> names = new LinkedHashSet<>();
            requests.results(batchPk, filter, row -> variables(row).forEach(e -> names.add(e.getKey())));
            List<String> variables = List.copyOf(names);
            var header = new ArrayList<>(COLUMNS);
            variables.forEach(n -> header.add(COLUMNS.contains(n) ? "variable_" + n : n));
            csv.writeRecord(header.stream().map(ResultCsv::safe).toList());
            requests.results(batchPk, filter, row -> csv.writeRecord(cells(row, variables)));
        });
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> cells(ResultRow r, List<String> variables) {
        var out = new ArrayList<String>(COLUMNS.size() + variables.size());
        out.add(r.referenceId());
        out.add(r.target());
        out.add(r.requestStatus());
        out.add(r.channelManagerStatus());
        out.add(Integer.toString(r.attemptCount()));
        out.add(text(r.sentAt()));
        out.add(text(r.createdAt()));
        out.add(text(r.channelManagerSid()));
        out.add(text(r.sessionId()));
        out.add(text(r.conversationId()));
        out.add(text(r.insightsStatus()));
        out.add(text(r.lineType()));
        out.add(text(r.insightsJson()));
        out.add(text(r.reason()));
        out.add(text(r.reasonDetail()));
        JsonNode vars = json.readTree(r.requestVariablesJson());
        for (String name : variables) {
            JsonNode v = vars.get(name);
            out.add(v == null || v.isNull() ? "" : v.isString() ? v.asString() : v.toString());
        }
        return out.stream().map(ResultCsv::safe).toList();
    }

    private Iterable<Map.Entry<String, JsonNode>> variables(ResultRow row) {
        JsonNode vars = json.readTree(row.requestVariablesJson());
        return vars.isObject() ? vars.properties() : Set.of();
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value instanceof Instant i ? i.toString() : value.toString();
    }

    /** A signed number (an E.164 phone number, a negative amount): no spreadsheet runs it. */
    private static final java.util.regex.Pattern SIGNED_NUMBER =
            java.util.regex.Pattern.compile("[+-][0-9]+(\\.[0-9]+)?");

    /**
     * OWASP's advice against CSV injection: a leading apostrophe keeps a cell plain text. Plain
     * signed numbers are left alone, so exported targets stay E.164 and the export can be
     * uploaded again as a call list.
     */
    static String safe(String cell) {
        if (cell.isEmpty() || SIGNED_NUMBER.matcher(cell).matches()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }
}
