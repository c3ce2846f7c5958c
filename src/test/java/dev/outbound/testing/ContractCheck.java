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
        builder.withBody(withoutExtensions(response.body()));
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method), builder.build());
        var errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .toList();
        if (!errors.isEmpty()) {
            String messages =
                    errors.stream().map(m -> m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n  "));
            throw new AssertionError("Response breaks the contract: " + method + " " + path + " -> " + response.status()
                    + "\n  " + messages + "\n  body: " + abbreviate(response.body()));
        }
    }

    /**
     * Our documented extension fields. The validator treats unlisted properties as errors (stricter
     * than JSON Schema, which the contract leaves open), so they are removed before validation and
     * a misspelled contract field still fails.
     */
    static final java.util.Set<String> EXTENSION_FIELDS = java.util.Set.of(
            "timezone",
            "hours_in",
            "agent_url",
            "contact_limit",
            "duplicate_targets",
            "retry_rules",
            "machine_outcome",
            "restricted_dates",
            "max_concurrent",
            "reason",
            "reason_detail");

    private static String withoutExtensions(String body) {
        if (body.isBlank()) {
            return body;
        }
        tools.jackson.databind.JsonNode node = Api.json().readTree(body);
        strip(node);
        return node.toString();
    }

    private static void strip(tools.jackson.databind.JsonNode node) {
        if (node instanceof tools.jackson.databind.node.ObjectNode object) {
            object.remove(EXTENSION_FIELDS);
            object.forEach(ContractCheck::strip);
        } else if (node.isArray()) {
            node.forEach(ContractCheck::strip);
        }
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
