package dev.outbound.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Validates real responses of the contract's endpoints against the reference contract
 * ({@code openapi/contract.json}, a copy of shared/contract/outbound-openapi.json): success and
 * 422 bodies against their schemas; other statuses, which the contract leaves undeclared, must
 * carry a {@code {"detail": "..."}} body.
 */
public final class ContractCheck {
    private static final OpenApiInteractionValidator VALIDATOR = load();
    /** Extension response fields the service adds to contract schemas (see README). */
    private static final java.util.Set<String> EXTENSION_FIELDS = java.util.Set.of("timezone", "hours_in");

    private ContractCheck() {}

    private static OpenApiInteractionValidator load() {
        try (InputStream in = ContractCheck.class.getResourceAsStream("/openapi/contract.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi/contract.json is not on the classpath");
            }
            String spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .withLevel(
                                    "validation.response.body.schema.unevaluatedProperties",
                                    ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void verify(
            String method,
            String pathAndQuery,
            @Nullable String contentType,
            byte @Nullable [] body,
            Api.Response response) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        if (!isContractPath(method, path)) {
            return;
        }
        if (response.status() != 200 && response.status() != 422) {
            if (!response.body().isBlank() && !response.json().path("detail").isString()) {
                throw new AssertionError(
                        "Error response without a string detail: " + response.status() + " " + response.body());
            }
            return;
        }
        var builder = SimpleResponse.Builder.status(response.status());
        String responseType = response.header("Content-Type");
        if (!responseType.isEmpty()) {
            builder.withContentType(responseType);
        }
        builder.withBody(response.body());
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method), builder.build());
        var errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !onlyExtensions(m))
                .toList();
        if (!errors.isEmpty()) {
            String messages =
                    errors.stream().map(m -> m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n  "));
            throw new AssertionError("Response breaks the contract: " + method + " " + path + " -> " + response.status()
                    + "\n  " + messages + "\n  body: " + abbreviate(response.body()));
        }
    }

    /**
     * The validator refuses properties a schema does not list, although the contract does not
     * forbid them; the service's documented extension fields are let through, any other extra
     * property (a misspelt field, say) still fails.
     */
    private static boolean onlyExtensions(ValidationReport.Message m) {
        if (!m.getKey().endsWith("schema.additionalProperties")) {
            return false;
        }
        String text = m.getMessage();
        int open = text.lastIndexOf('[');
        int close = text.lastIndexOf(']');
        if (open < 0 || close < open) {
            return false;
        }
        for (String name : text.substring(open + 1, close).split(",", -1)) {
            if (!EXTENSION_FIELDS.contains(name.trim().replace("\"", ""))) {
                return false;
            }
        }
        return true;
    }

    /** Only the contract's own endpoints are checked; extensions have their own tests. */
    static boolean isContractPath(String method, String path) {
        if (!path.startsWith("/api/v1/outbound/campaigns") && !path.startsWith("/api/v1/outbound/batches")) {
            return false;
        }
        return !path.endsWith(".csv") && !path.endsWith("/attempts");
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
