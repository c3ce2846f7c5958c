package dev.outbound.request.read;

import java.io.OutputStream;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes results as a JSON array straight from a database cursor to the response, one row at a
 * time, so a million-request batch is served in constant memory.
 */
@Component
public class ResultWriter {
    private final RequestResults requests;
    private final JsonMapper json;
    private final TransactionTemplate readOnly;

    ResultWriter(RequestResults requests, JsonMapper json, TransactionTemplate transactions) {
        this.requests = requests;
        this.json = json;
        this.readOnly = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
        this.readOnly.setReadOnly(true);
    }

    public void writeJson(long batchPk, ResultFilter filter, OutputStream out) {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartArray();
            readOnly.executeWithoutResult(status -> requests.results(batchPk, filter, row -> write(g, row)));
            g.writeEndArray();
        }
    }

    private static void write(JsonGenerator g, ResultRow r) {
        g.writeStartObject();
        g.writeStringProperty("reference_id", r.referenceId());
        g.writeStringProperty("target", r.target());
        g.writeName("request_variables");
        g.writeRawValue(r.requestVariablesJson());
        nullable(g, "channel_manager_sid", r.channelManagerSid());
        g.writeStringProperty("created_at", r.createdAt().toString());
        instant(g, "sent_at", r.sentAt());
        g.writeNumberProperty("attempt_count", r.attemptCount());
        number(g, "session_id", r.sessionId());
        number(g, "conversation_id", r.conversationId());
        g.writeStringProperty("request_status", r.requestStatus());
        g.writeStringProperty("channel_manager_status", r.channelManagerStatus());
        nullable(g, "insights_status", r.insightsStatus());
        raw(g, "insights", r.insightsJson());
        nullable(g, "line_type", r.lineType());
        raw(g, "enrichment", r.enrichmentJson());
        nullable(g, "reason", r.reason());
        nullable(g, "reason_detail", r.reasonDetail());
        g.writeEndObject();
    }

    private static void nullable(JsonGenerator g, String name, @Nullable String value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void instant(JsonGenerator g, String name, @Nullable Instant value) {
        nullable(g, name, value == null ? null : value.toString());
    }

    private static void number(JsonGenerator g, String name, @Nullable Long value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void raw(JsonGenerator g, String name, @Nullable String json) {
        g.writeName(name);
        if (json == null) {
            g.writeNull();
        } else {
            g.writeRawValue(json);
        }
    }
}
