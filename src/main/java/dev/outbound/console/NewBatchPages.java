package dev.outbound.console;

import dev.outbound.api.InvalidInput;
import dev.outbound.auth.Caller;
import dev.outbound.batch.BatchDocuments;
import dev.outbound.campaign.CampaignDocuments;
import dev.outbound.ingest.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * A new batch with its call list in one form. The page's script posts it with upload progress and
 * shows the answer, a fragment with the ingest outcome or the problems; without script the form
 * posts and the whole page comes back.
 */
@Controller
class NewBatchPages {
    private final CampaignDocuments campaigns;
    private final BatchDocuments batches;
    private final Uploads uploads;
    private final JsonMapper json;

    NewBatchPages(CampaignDocuments campaigns, BatchDocuments batches, Uploads uploads, JsonMapper json) {
        this.campaigns = campaigns;
        this.batches = batches;
        this.uploads = uploads;
        this.json = json;
    }

    @GetMapping("/console/campaigns/{id}/batches/new")
    String form(Caller caller, @PathVariable long id, Model model) {
        model.addAttribute("c", Pages.map(json, campaigns.get(caller, id)));
        model.addAttribute("v", Map.of());
        model.addAttribute("errors", Map.of());
        return "console/batch-new";
    }

    @PostMapping("/console/campaigns/{id}/batches")
    String create(
            Caller caller,
            @PathVariable long id,
            @RequestParam(name = "batch_id", defaultValue = "") String batchId,
            @RequestParam(name = "expires_on", defaultValue = "") String expiresOn,
            @RequestParam(name = "call_rate", defaultValue = "") String callRate,
            @RequestParam(name = "auto_call_rate", required = false) @Nullable String auto,
            @RequestParam(name = "paused", required = false) @Nullable String paused,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        model.addAttribute("c", Pages.map(json, campaigns.get(caller, id)));
        model.addAttribute(
                "v",
                Map.of(
                        "batch_id", batchId,
                        "expires_on", expiresOn,
                        "call_rate", callRate,
                        "auto_call_rate", auto != null,
                        "paused", paused != null));
        model.addAttribute("errors", Map.of());
        String view =
                request.getHeader("X-Requested-With") == null ? "console/batch-new" : "console/batch-new :: outcome";
        try {
            batches.create(caller, BatchForm.body(json, id, batchId, expiresOn, callRate, auto, paused));
        } catch (InvalidInput e) {
            response.setStatus(422);
            model.addAttribute("errors", FieldErrors.of(e));
            return view;
        }
        model.addAttribute("batchId", batchId.strip());
        if (file == null || file.isEmpty()) {
            return view;
        }
        String filename = file.getOriginalFilename();
        try {
            model.addAttribute(
                    "outcome",
                    uploads.upload(
                            caller,
                            batchId.strip(),
                            filename == null || filename.isBlank() ? "upload.csv" : filename.strip(),
                            file.getInputStream()));
        } catch (InvalidInput e) {
            response.setStatus(422);
            model.addAttribute("uploadError", e.getMessage());
        }
        return view;
    }
}
