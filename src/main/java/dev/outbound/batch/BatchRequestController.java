package dev.outbound.batch;

import dev.outbound.api.InvalidInput;
import dev.outbound.auth.Caller;
import dev.outbound.request.RemovalResult;
import dev.outbound.request.RequestStatus;
import dev.outbound.request.read.AttemptView;
import dev.outbound.request.read.RequestResults;
import dev.outbound.request.read.ResultCsv;
import dev.outbound.request.read.ResultFilter;
import dev.outbound.request.read.ResultWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The contract's endpoints for a batch's requests: add one, remove some, read results. */
@RestController
@RequestMapping("/api/v1/outbound/batches/{batchId}")
class BatchRequestController {
    /** The request table's request_variables column. */
    private static final int MAX_VARIABLES_CHARS = 1_000_000;

    private final Batches batches;
    private final ResultWriter results;
    private final ResultCsv csv;
    private final RequestResults lifecycle;
    private final ConversationReports reports;
    private final JsonMapper json;
    private final Clock clock;

    BatchRequestController(
            Batches batches,
            ResultWriter results,
            ResultCsv csv,
            RequestResults lifecycle,
            ConversationReports reports,
            JsonMapper json,
            Clock clock) {
        this.batches = batches;
        this.results = results;
        this.csv = csv;
        this.lifecycle = lifecycle;
        this.reports = reports;
        this.json = json;
        this.clock = clock;
    }

    /** Extension: the attempt history of one reference id. */
    @GetMapping("/requests/{referenceId}/attempts")
    List<AttemptView> attempts(Caller caller, @PathVariable String batchId, @PathVariable String referenceId) {
        Batch batch = batches.find(caller, batchId);
        return lifecycle.attempts(batch.pk(), referenceId);
    }

    /**
     * Extension: the agent side reports the conversation (session, conversation, insights),
     * which results then show; with {@code callback} ({@code {"at", "note"}}) the request is also
     * called back as {@code POST .../callback} would.
     */
    @PostMapping("/requests/{referenceId}/conversation")
    Map<String, Object> conversation(
            Caller caller,
            @PathVariable String batchId,
            @PathVariable String referenceId,
            @RequestBody(required = false) @Nullable JsonNode body) {
        var report = BatchBodies.conversation(body, clock);
        Batch batch = batches.find(caller, batchId);
        String insights = report.insights() == null ? null : json.writeValueAsString(report.insights());
        return reports.record(batch, referenceId, report, insights);
    }

    @PostMapping("/requests")
    Map<String, Object> add(
            Caller caller, @PathVariable String batchId, @RequestBody(required = false) @Nullable JsonNode body) {
        var request = BatchBodies.request(body);
        String variables = json.writeValueAsString(request.variables());
        if (variables.length() > MAX_VARIABLES_CHARS) {
            // Only reachable when OUTBOUND_MAX_JSON_BODY_BYTES is raised past the column's size.
            throw InvalidInput.of(
                    "request_variables is too large: at most " + MAX_VARIABLES_CHARS + " characters as JSON",
                    "too_long",
                    "body",
                    "request_variables");
        }
        RequestStatus status = batches.addRequest(caller, batchId, request, variables);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("reference_id", request.referenceId());
        answer.put("request_status", status.name());
        if (status == RequestStatus.INVALID) {
            answer.put(
                    "message", "The target is not a valid phone number or address; the request is stored as INVALID");
        } else if (status == RequestStatus.DUPLICATE) {
            answer.put(
                    "message",
                    "The batch already has a request for this person (target or contact_id) and the campaign"
                            + " skips duplicate targets; the request is stored as DUPLICATE");
        }
        return answer;
    }

    @PostMapping("/remove-requests")
    RemovalResult remove(
            Caller caller, @PathVariable String batchId, @RequestBody(required = false) @Nullable JsonNode body) {
        return batches.removeRequests(caller, batchId, BatchBodies.referenceIds(body));
    }

    /** Streams the results as a JSON array; memory stays flat however large the batch. */
    @GetMapping("/results")
    void results(
            Caller caller,
            @PathVariable String batchId,
            @RequestParam(name = "reference_id", required = false) @Nullable String referenceId,
            @RequestParam(name = "status", required = false) @Nullable String status,
            @RequestParam(name = "insights_status", required = false) @Nullable String insightsStatus,
            HttpServletResponse response)
            throws IOException {
        var filter = filter(referenceId, status, insightsStatus);
        Batch batch = batches.find(caller, batchId);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        results.writeJson(batch.pk(), filter, response.getOutputStream());
    }

    /**
     * Extension: the same results as CSV, streamed, one column per request variable, for
     * spreadsheets (formula-like cells are defused).
     */
    @GetMapping("/results.csv")
    void resultsCsv(
            Caller caller,
            @PathVariable String batchId,
            @RequestParam(name = "reference_id", required = false) @Nullable String referenceId,
            @RequestParam(name = "status", required = false) @Nullable String status,
            @RequestParam(name = "insights_status", required = false) @Nullable String insightsStatus,
            HttpServletResponse response)
            throws IOException {
        var filter = filter(referenceId, status, insightsStatus);
        Batch batch = batches.find(caller, batchId);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, BatchDownloads.disposition(batchId));
        csv.write(batch.pk(), filter, response.getOutputStream());
    }

    /** The results filters, validated as the contract's query parameters. */
    static ResultFilter filter(@Nullable String referenceId, @Nullable String status, @Nullable String insightsStatus) {
        RequestStatus parsed = null;
        if (status != null && !status.isBlank()) {
            parsed = RequestStatus.parse(status);
            if (parsed == null) {
                throw InvalidInput.of("Input should be one of " + RequestStatus.NAMES, "enum", "query", "status");
            }
        }
        return new ResultFilter(blankToNull(referenceId), parsed, blankToNull(insightsStatus));
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
