package dev.outbound.console;

import dev.outbound.api.InvalidInput;
import dev.outbound.auth.Caller;
import dev.outbound.batch.Batch;
import dev.outbound.batch.BatchDocuments;
import dev.outbound.batch.Batches;
import dev.outbound.campaign.CampaignDocuments;
import dev.outbound.forecast.Forecasts;
import dev.outbound.request.RequestStatus;
import dev.outbound.request.read.RequestResults;
import dev.outbound.request.read.ResultFilter;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A batch: its state and controls, live counts and charts, and its results. */
@Controller
class BatchPages {
    static final int RESULTS_PAGE = 25;

    private final BatchDocuments documents;
    private final CampaignDocuments campaigns;
    private final Batches batches;
    private final RequestResults requests;
    private final LiveCounts live;
    private final Forecasts forecasts;
    private final JsonMapper json;

    BatchPages(
            BatchDocuments documents,
            CampaignDocuments campaigns,
            Batches batches,
            RequestResults requests,
            LiveCounts live,
            Forecasts forecasts,
            JsonMapper json) {
        this.documents = documents;
        this.campaigns = campaigns;
        this.batches = batches;
        this.requests = requests;
        this.live = live;
        this.forecasts = forecasts;
        this.json = json;
    }

    @GetMapping("/console/batches/{batchId}")
    String show(Caller caller, @PathVariable String batchId, @RequestParam Map<String, String> query, Model model) {
        Batch batch = batches.find(caller, batchId);
        model.addAttribute("b", Pages.map(json, documents.details(caller, batchId)));
        var campaign = campaigns.get(caller, batch.campaignId());
        model.addAttribute("campaignName", campaign.path("campaign_name").asString());
        // The callback form reads its date and time in the campaign's zone unless told otherwise.
        model.addAttribute("campaignZone", campaign.path("timezone").asString("UTC"));
        model.addAttribute("callbackRef", query.getOrDefault("callback", ""));
        var counts = live.of(batch);
        model.addAttribute("live", counts);
        model.addAttribute(
                "engagement", EmailEngagement.of(campaign.path("mode").asString(""), counts.detailed()));
        // On page load only: the live poll every 2 s brings counts, not a new simulation.
        model.addAttribute("forecast", ForecastPanel.of(forecasts.of(caller, batchId)));
        results(batch, query, model);
        model.addAttribute("statuses", RequestStatus.NAMES);
        return "console/batch";
    }

    /**
     * The live part of the batch page, polled while the batch can still change. It brings the
     * results table too (swapped out of band), for the filter and page the user is on, so the
     * rows change with the counts.
     */
    @GetMapping("/console/batches/{batchId}/live")
    String live(Caller caller, @PathVariable String batchId, @RequestParam Map<String, String> query, Model model) {
        Batch batch = batches.find(caller, batchId);
        model.addAttribute("batchId", batchId);
        var counts = live.of(batch);
        model.addAttribute("live", counts);
        String mode = campaigns.get(caller, batch.campaignId()).path("mode").asString("");
        model.addAttribute("engagement", EmailEngagement.of(mode, counts.detailed()));
        results(batch, query, model);
        model.addAttribute("resultsOob", true);
        return "console/batch :: live";
    }

    /** The results table for the filter and page in the query (status, reference_id, page). */
    private void results(Batch batch, Map<String, String> query, Model model) {
        String status = query.getOrDefault("status", "");
        String referenceId = query.getOrDefault("reference_id", "");
        int page;
        try {
            page = Integer.parseInt(query.getOrDefault("page", "0"));
        } catch (NumberFormatException e) {
            page = 0;
        }
        RequestStatus wanted = status.isBlank() ? null : RequestStatus.parse(status);
        var filter = new ResultFilter(referenceId.isBlank() ? null : referenceId.strip(), wanted, null);
        int p = Math.max(page, 0);
        model.addAttribute("results", requests.resultPage(batch.pk(), filter, (long) p * RESULTS_PAGE, RESULTS_PAGE));
        model.addAttribute("page", p);
        model.addAttribute("pageSize", RESULTS_PAGE);
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        model.addAttribute("referenceId", referenceId);
    }

    @PostMapping("/console/batches/{batchId}/hold")
    String hold(Caller caller, @PathVariable String batchId) {
        return change(caller, batchId, Map.of("paused", true));
    }

    @PostMapping("/console/batches/{batchId}/resume")
    String resume(Caller caller, @PathVariable String batchId) {
        return change(caller, batchId, Map.of("paused", false));
    }

    @PostMapping("/console/batches/{batchId}/settings")
    String settings(
            Caller caller,
            @PathVariable String batchId,
            @RequestParam(name = "expires_on", defaultValue = "") String expiresOn,
            @RequestParam(name = "call_rate", defaultValue = "") String callRate,
            @RequestParam(name = "auto_call_rate", required = false) @Nullable String auto) {
        ObjectNode body = json.createObjectNode();
        if (expiresOn.isBlank()) {
            body.putNull("expires_on");
        } else {
            body.put("expires_on", expiresOn.strip());
        }
        if (callRate.isBlank()) {
            body.putNull("call_rate");
        } else {
            BatchForm.number(body, "call_rate", callRate);
        }
        body.put("auto_call_rate", auto != null);
        documents.update(caller, batchId, body);
        return redirect(batchId);
    }

    @PostMapping("/console/batches/{batchId}/delete")
    String delete(
            Caller caller,
            @PathVariable String batchId,
            @RequestParam(name = "delete_reason", defaultValue = "") String reason) {
        if (reason.isBlank()) {
            throw InvalidInput.of("Give a reason for deleting the batch", "missing", "body", "delete_reason");
        }
        documents.delete(caller, batchId, reason);
        return redirect(batchId);
    }

    private String change(Caller caller, String batchId, Map<String, Object> changes) {
        documents.update(caller, batchId, json.valueToTree(changes));
        return redirect(batchId);
    }

    static String redirect(String batchId) {
        return "redirect:/console/batches/"
                + UriUtils.encodePathSegment(batchId, java.nio.charset.StandardCharsets.UTF_8);
    }
}
