package dev.outbound.suppression;

import dev.outbound.api.InvalidInput;
import dev.outbound.api.JsonFields;
import dev.outbound.api.ListQuery;
import dev.outbound.api.ListResponse;
import dev.outbound.api.Violations;
import dev.outbound.auth.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/** Extension endpoints: the caller's organization's suppression list. */
@RestController
@RequestMapping("/api/v1/outbound")
class SuppressionController {
    private static final List<String> KINDS =
            Arrays.stream(SuppressionKind.values()).map(SuppressionKind::wire).toList();

    private final Suppressions suppressions;
    private final SuppressionSearch search;
    private final SuppressionUpload upload;
    private final SuppressionExport export;

    SuppressionController(
            Suppressions suppressions, SuppressionSearch search, SuppressionUpload upload, SuppressionExport export) {
        this.suppressions = suppressions;
        this.search = search;
        this.upload = upload;
        this.export = export;
    }

    @GetMapping("/suppressions")
    ListResponse<SuppressionView> list(
            Caller caller,
            @RequestParam(name = "target", required = false) @Nullable String target,
            @RequestParam MultiValueMap<String, String> params) {
        return search.list(caller.organizationId(), ListQuery.parse(params, SuppressionSearch.PROPERTIES), target);
    }

    /** 201 with the new entry, or 200 with the one already there (never a second entry). */
    @PostMapping("/suppressions")
    ResponseEntity<SuppressionView> add(Caller caller, @RequestBody(required = false) @Nullable JsonNode body) {
        var v = new Violations();
        JsonFields f = JsonFields.body(body, v);
        String target = f.string("target", true);
        String kindName = f.string("kind", false);
        String reason = f.string("reason", false);
        SuppressionKind kind = kindName == null ? SuppressionKind.UNSUBSCRIBED : SuppressionKind.parse(kindName);
        if (kind == null) {
            f.fail("kind", "Input should be " + JsonFields.quoteList(KINDS), "enum");
        }
        if (reason != null && reason.strip().length() > Suppressions.MAX_REASON) {
            f.fail(
                    "reason",
                    "String should have at most " + Suppressions.MAX_REASON + " characters",
                    "string_too_long");
        }
        v.throwIfAny();
        var added = suppressions.add(
                caller.organizationId(),
                java.util.Objects.requireNonNull(target),
                java.util.Objects.requireNonNull(kind),
                SuppressionSource.API,
                reason == null || reason.isBlank() ? null : reason.strip(),
                caller.userEmail());
        return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(SuppressionView.of(added.entry()));
    }

    @GetMapping("/suppressions/{target}")
    SuppressionView get(Caller caller, @PathVariable String target) {
        return SuppressionView.of(suppressions.get(caller.organizationId(), target));
    }

    @DeleteMapping("/suppressions/{target}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String target) {
        suppressions.delete(caller.organizationId(), target);
    }

    @PostMapping("/suppressions/upload")
    SuppressionUpload.Counts upload(
            Caller caller, @RequestPart(name = "file", required = false) @Nullable MultipartFile file)
            throws IOException {
        if (file == null) {
            throw InvalidInput.of(
                    "Field required: send the suppression list as multipart part 'file'", "missing", "body", "file");
        }
        return upload.upload(caller.organizationId(), caller.userEmail(), file.getInputStream());
    }

    @GetMapping("/suppressions.csv")
    void csv(Caller caller, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"suppressions.csv\"");
        export.write(caller.organizationId(), response.getOutputStream());
    }
}
