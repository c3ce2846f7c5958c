package dev.outbound.console;

import dev.outbound.api.InvalidInput;
import dev.outbound.auth.Caller;
import dev.outbound.suppression.SuppressionExport;
import dev.outbound.suppression.SuppressionKind;
import dev.outbound.suppression.SuppressionSearch;
import dev.outbound.suppression.SuppressionSource;
import dev.outbound.suppression.SuppressionUpload;
import dev.outbound.suppression.Suppressions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

/**
 * The suppression list: search, add, remove, upload a CSV (with a progress bar when script runs,
 * the counts either way) and export. Entries added here have source {@code api}, like the API's.
 */
@Controller
class SuppressionPages {
    private static final String PATH = "/console/suppressions";
    private static final List<String> KINDS =
            Arrays.stream(SuppressionKind.values()).map(SuppressionKind::wire).toList();

    private final Suppressions suppressions;
    private final SuppressionSearch search;
    private final SuppressionUpload uploads;
    private final SuppressionExport export;

    SuppressionPages(
            Suppressions suppressions, SuppressionSearch search, SuppressionUpload uploads, SuppressionExport export) {
        this.suppressions = suppressions;
        this.search = search;
        this.uploads = uploads;
        this.export = export;
    }

    @GetMapping(PATH)
    String list(
            Caller caller,
            @RequestParam(name = "q", defaultValue = "") String q,
            @RequestParam(name = "page", defaultValue = "0") int page,
            Model model) {
        return page(caller, q, page, Map.of("kind", "unsubscribed"), Map.of(), model);
    }

    @PostMapping(PATH)
    String add(
            Caller caller,
            @RequestParam(name = "target", defaultValue = "") String target,
            @RequestParam(name = "kind", defaultValue = "unsubscribed") String kind,
            @RequestParam(name = "reason", defaultValue = "") String reason,
            HttpServletResponse response,
            Model model) {
        var values = Map.of("target", target, "kind", kind, "reason", reason);
        SuppressionKind parsed = SuppressionKind.parse(kind);
        try {
            if (parsed == null) {
                throw InvalidInput.of("Choose one of " + String.join(", ", KINDS), "enum", "body", "kind");
            }
            var added = suppressions.add(
                    caller.organizationId(),
                    target,
                    parsed,
                    SuppressionSource.API,
                    reason.isBlank() ? null : reason.strip(),
                    caller.userEmail());
            return "redirect:" + PATH + "?q=" + URLEncoder.encode(added.entry().target(), StandardCharsets.UTF_8);
        } catch (InvalidInput e) {
            response.setStatus(422);
            return page(caller, "", 0, values, FieldErrors.of(e), model);
        }
    }

    @PostMapping(PATH + "/remove")
    String remove(
            Caller caller,
            @RequestParam(name = "target", defaultValue = "") String target,
            @RequestParam(name = "q", defaultValue = "") String q) {
        suppressions.delete(caller.organizationId(), target);
        return "redirect:" + PATH + "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    @PostMapping(PATH + "/upload")
    String upload(
            Caller caller,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        boolean script = request.getHeader("X-Requested-With") != null;
        if (!script) {
            page(caller, "", 0, Map.of("kind", "unsubscribed"), Map.of(), model);
        }
        if (file == null || file.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("uploadError", "Choose a CSV file to upload.");
        } else {
            try {
                model.addAttribute(
                        "counts", uploads.upload(caller.organizationId(), caller.userEmail(), file.getInputStream()));
            } catch (InvalidInput e) {
                response.setStatus(422);
                model.addAttribute("uploadError", e.getMessage());
            }
        }
        return script ? "console/suppressions :: outcome" : "console/suppressions";
    }

    @GetMapping(PATH + ".csv")
    void download(Caller caller, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"suppressions.csv\"");
        export.write(caller.organizationId(), response.getOutputStream());
    }

    private String page(
            Caller caller, String q, int page, Map<String, String> values, Map<String, String> errors, Model model) {
        var query = Pages.query(page, SuppressionSearch.PROPERTIES, "target", "");
        model.addAttribute("q", q);
        model.addAttribute("list", search.list(caller.organizationId(), query, q));
        model.addAttribute("page", query.page());
        model.addAttribute("kinds", KINDS);
        model.addAttribute("v", values);
        model.addAttribute("errors", errors);
        return "console/suppressions";
    }
}
