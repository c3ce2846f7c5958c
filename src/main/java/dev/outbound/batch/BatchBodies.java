package dev.outbound.batch;

import dev.outbound.api.JsonFields;
import dev.outbound.api.Violations;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads and validates the batch endpoints' JSON bodies, reporting every problem at once. */
final class BatchBodies {
    static final int MAX_ID_LENGTH = 200;
    /** The request table's columns: a longer value would be a database error, not a 422. */
    static final int MAX_TARGET_LENGTH = 500;

    static final int MAX_INSIGHTS_STATUS_LENGTH = 32;
    static final int MAX_INSIGHTS_CHARS = 100_000;

    private BatchBodies() {}

    static BatchInput input(@Nullable JsonNode body, Clock clock) {
        var v = new Violations();
        var f = JsonFields.body(body, v);
        String batchId = f.string("batch_id", true);
        if (batchId != null && (batchId.isBlank() || batchId.length() > MAX_ID_LENGTH)) {
            f.fail("batch_id", "batch_id must be 1 to " + MAX_ID_LENGTH + " characters", "value_error");
        }
        Long campaignId = f.longValue("campaign_id", true);
        Instant expiresOn = future(f, clock);
        Boolean paused = f.bool("paused", false);
        Integer callRate = f.integer("call_rate", false);
        f.range("call_rate", callRate, 1, 3600);
        Boolean auto = f.bool("auto_call_rate", false);
        if (Boolean.TRUE.equals(auto) && (!f.has("expires_on") || f.isNull("expires_on"))) {
            f.fail("auto_call_rate", "auto_call_rate requires expires_on", "value_error");
        }
        v.throwIfAny();
        return new BatchInput(
                Objects.requireNonNull(batchId).strip(),
                Objects.requireNonNull(campaignId),
                expiresOn,
                Boolean.TRUE.equals(paused),
                callRate,
                Boolean.TRUE.equals(auto));
    }

    static BatchChanges changes(@Nullable JsonNode body, Clock clock) {
        var v = new Violations();
        var f = JsonFields.body(body, v);
        Boolean paused = f.bool("paused", false);
        Instant expiresOn = future(f, clock);
        Integer callRate = f.integer("call_rate", false);
        f.range("call_rate", callRate, 1, 3600);
        Boolean auto = f.bool("auto_call_rate", false);
        v.throwIfAny();
        return new BatchChanges(
                f.has("paused"),
                paused,
                f.has("expires_on"),
                expiresOn,
                f.has("call_rate"),
                callRate,
                f.has("auto_call_rate"),
                auto);
    }

    private static @Nullable Instant future(JsonFields f, Clock clock) {
        Instant expiresOn = f.dateTime("expires_on", false);
        if (expiresOn != null && !expiresOn.isAfter(clock.instant())) {
            f.fail("expires_on", "expires_on must be in the future", "value_error");
        }
        return expiresOn;
    }

    /** A validated CommunicationRequest. */
    /** A request added alone; {@code priority} is its variable {@code priority} (0 when absent), as an upload reads it. */
    record NewRequest(String referenceId, String target, Map<String, String> variables, int priority) {}

    static NewRequest request(@Nullable JsonNode body) {
        var v = new Violations();
        var f = JsonFields.body(body, v);
        String referenceId = f.string("reference_id", true);
        if (referenceId != null && (referenceId.isBlank() || referenceId.length() > 500)) {
            f.fail("reference_id", "reference_id must be 1 to 500 characters", "value_error");
        }
        String target = f.string("target", true);
        if (target != null && target.length() > MAX_TARGET_LENGTH) {
            tooLong(f, "target", MAX_TARGET_LENGTH);
        }
        Map<String, @Nullable String> variables = f.stringMap("request_variables", true, false);
        if (f.has("request_variables") && f.isNull("request_variables")) {
            f.fail("request_variables", "Input should be a valid dictionary", "dict_type");
        }
        int priority = 0;
        String p = variables == null ? null : variables.get("priority");
        if (p != null && !p.isBlank()) {
            try {
                priority = Integer.parseInt(p.strip());
            } catch (NumberFormatException e) {
                v.add(
                        List.of("body", "request_variables", "priority"),
                        "priority must be a whole number",
                        "int_parsing");
            }
        }
        v.throwIfAny();
        var vars = new java.util.LinkedHashMap<String, String>();
        Objects.requireNonNull(variables).forEach((k, val) -> vars.put(k, Objects.requireNonNull(val)));
        return new NewRequest(Objects.requireNonNull(referenceId), Objects.requireNonNull(target), vars, priority);
    }

    /** The agent's conversation report. */
    record Conversation(
            @Nullable Long sessionId,
            @Nullable Long conversationId,
            @Nullable String insightsStatus,
            @Nullable JsonNode insights,
            @Nullable CallbackAsk callback) {}

    static Conversation conversation(@Nullable JsonNode body, Clock clock) {
        var v = new Violations();
        var f = JsonFields.body(body, v);
        Long session = f.longValue("session_id", false);
        Long conversation = f.longValue("conversation_id", false);
        String status = f.string("insights_status", false);
        if (status != null && status.length() > MAX_INSIGHTS_STATUS_LENGTH) {
            tooLong(f, "insights_status", MAX_INSIGHTS_STATUS_LENGTH);
        }
        JsonNode insights = f.raw("insights");
        if (insights != null && !insights.isObject()) {
            f.fail("insights", "Input should be a valid dictionary", "dict_type");
        } else if (insights != null && insights.toString().length() > MAX_INSIGHTS_CHARS) {
            f.fail(
                    "insights",
                    "insights is too large: at most " + MAX_INSIGHTS_CHARS + " characters as JSON",
                    "too_long");
        }
        if (insights != null && insights.isObject()) {
            for (var e : insights.properties()) {
                if (!e.getValue().isString() && !e.getValue().isNumber()) {
                    v.add(f.at("insights", e.getKey()), "Input should be a string or a number", "value_error");
                }
            }
        }
        JsonFields callbackFields = f.object("callback", false);
        CallbackAsk callback = callbackFields == null ? null : CallbackAsk.read(callbackFields, clock);
        v.throwIfAny();
        return new Conversation(session, conversation, status, insights, callback);
    }

    private static void tooLong(JsonFields f, String name, int max) {
        f.fail(name, "String should have at most " + max + " characters", "string_too_long");
    }

    static List<String> referenceIds(@Nullable JsonNode body) {
        var v = new Violations();
        if (body == null || body.isNull() || body.isMissingNode()) {
            v.add(List.of("body"), "Field required", "missing");
        } else if (!body.isArray()) {
            v.add(List.of("body"), "Input should be a valid list", "list_type");
        }
        var ids = new ArrayList<String>();
        if (body != null && body.isArray()) {
            for (int i = 0; i < body.size(); i++) {
                if (body.get(i).isString()) {
                    ids.add(body.get(i).asString());
                } else {
                    v.add(List.of("body", i), "Input should be a valid string", "string_type");
                }
            }
        }
        v.throwIfAny();
        return ids;
    }
}
