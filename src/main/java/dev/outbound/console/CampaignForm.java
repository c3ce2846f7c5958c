package dev.outbound.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The campaign form, both ways: posted fields become the API's JSON body (so the API's reader
 * validates it) and a campaign's JSON becomes field values. Lists are comma separated, variables
 * one {@code name=value} per line, structured fields JSON.
 */
final class CampaignForm {
    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final List<String> LINE_TYPES = List.of("mobile", "landline", "voip");
    private static final List<String> TEXT =
            List.of("description", "mode", "label", "daily_start_time", "daily_end_time", "source", "retry_interval");
    private static final List<String> NUMBERS =
            List.of("sms_session_ttl", "hourly_rate", "max_daily_calls", "retry_count", "agent_id", "max_concurrent");
    private static final List<String> DOCUMENTS =
            List.of("voicemail_detection", "target_filters", "webhooks", "retry_rules");
    /** The parts of contact_limit, each its own number field named {@code contact_limit_<part>}. */
    static final List<String> LIMIT_PARTS = List.of("max_attempts", "days", "after_conversation_days");

    private CampaignForm() {}

    /** A body for the API, or the fields the form itself could not read. */
    record Parsed(ObjectNode body, Map<String, String> errors, Map<String, List<Integer>> lines) {}

    static Parsed toBody(MultiValueMap<String, String> form, JsonMapper json) {
        ObjectNode body = json.createObjectNode();
        var errors = new LinkedHashMap<String, String>();
        body.put("campaign_name", value(form, "campaign_name"));
        for (String name : TEXT) {
            if (!value(form, name).isEmpty()) {
                body.put(name, value(form, name));
            }
        }
        for (String name : NUMBERS) {
            String v = value(form, name);
            if (!v.isEmpty()) {
                try {
                    body.put(name, Long.parseLong(v));
                } catch (NumberFormatException e) {
                    body.put(name, v); // the API's reader names the problem
                }
            }
        }
        String callerId = value(form, "caller_id");
        if (callerId.isEmpty()) {
            body.putNull("caller_id");
        } else {
            body.put("caller_id", callerId);
        }
        String timezone = value(form, "timezone");
        if (!timezone.isEmpty()) {
            body.put("timezone", timezone);
        }
        String hoursIn = value(form, "hours_in");
        if (!hoursIn.isEmpty()) {
            body.put("hours_in", hoursIn);
        }
        ArrayNode labels = body.putArray("labels");
        for (String label : value(form, "labels").split(",", -1)) {
            if (!label.isBlank()) {
                labels.add(label.strip());
            }
        }
        if (labels.isEmpty()) {
            body.remove("labels");
        }
        ObjectNode variables = body.putObject("campaign_variables");
        for (String line : value(form, "campaign_variables").split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                errors.put(
                        "campaign_variables", "Write one variable per line as name=value (\"" + line.strip() + "\")");
            } else {
                variables.put(
                        line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        ArrayNode days = body.putArray("active_days");
        form.getOrDefault("active_days", List.of()).forEach(days::add);
        List<String> types = form.getOrDefault("allowed_line_types", List.of());
        if (!types.isEmpty()) {
            ArrayNode lineTypes = body.putArray("allowed_line_types");
            types.forEach(lineTypes::add);
        }
        body.put("include_unknown_line_types", form.containsKey("include_unknown_line_types"));
        ObjectNode limit = json.createObjectNode();
        for (String part : LIMIT_PARTS) {
            String v = value(form, "contact_limit_" + part);
            if (!v.isEmpty()) {
                try {
                    limit.put(part, Long.parseLong(v));
                } catch (NumberFormatException e) {
                    limit.put(part, v); // the API's reader names the problem
                }
            }
        }
        if (!limit.isEmpty()) {
            body.set("contact_limit", limit);
        }
        for (String name : List.of("duplicate_targets", "machine_outcome")) {
            if (!value(form, name).isEmpty()) {
                body.put(name, value(form, name));
            }
        }
        for (String name : DOCUMENTS) {
            String v = value(form, name);
            if (!v.isEmpty()) {
                try {
                    body.set(name, json.readTree(v));
                } catch (JacksonException e) {
                    errors.put(name, "Not valid JSON: " + firstLine(e.getOriginalMessage()));
                }
            }
        }
        var dates = RestrictedDatesText.parse(value(form, RestrictedDatesText.NAME));
        if (!dates.dates().isEmpty()) {
            body.set(RestrictedDatesText.NAME, dates.dates());
        }
        return new Parsed(body, errors, Map.of(RestrictedDatesText.NAME, dates.lines()));
    }

    /** The form's field values for a campaign as the API shows it. */
    static Map<String, Object> fromCampaign(JsonNode c, JsonMapper json) {
        var values = new LinkedHashMap<String, Object>();
        values.put("campaign_name", text(c.get("campaign_name")));
        for (String name : TEXT) {
            values.put(name, text(c.get(name)));
        }
        for (String name : NUMBERS) {
            values.put(name, text(c.get(name)));
        }
        values.put("caller_id", text(c.get("caller_id")));
        values.put("timezone", text(c.get("timezone")));
        values.put("hours_in", text(c.get("hours_in")));
        values.put("labels", String.join(", ", strings(c.get("labels"))));
        var lines = new ArrayList<String>();
        JsonNode vars = c.get("campaign_variables");
        if (vars != null && vars.isObject()) {
            vars.properties()
                    .forEach(e -> lines.add(e.getKey() + "=" + e.getValue().asString()));
        }
        values.put("campaign_variables", String.join("\n", lines));
        values.put("active_days", strings(c.get("active_days")));
        values.put("allowed_line_types", strings(c.get("allowed_line_types")));
        JsonNode unknown = c.get("include_unknown_line_types");
        values.put("include_unknown_line_types", unknown == null || unknown.asBoolean());
        JsonNode limit = c.get("contact_limit");
        for (String part : LIMIT_PARTS) {
            values.put("contact_limit_" + part, limit == null ? "" : text(limit.get(part)));
        }
        values.put(RestrictedDatesText.NAME, RestrictedDatesText.format(c.get(RestrictedDatesText.NAME)));
        JsonNode duplicates = c.get("duplicate_targets");
        values.put("duplicate_targets", duplicates == null || duplicates.isNull() ? "allow" : duplicates.asString());
        JsonNode machine = c.get("machine_outcome");
        values.put("machine_outcome", machine == null || machine.isNull() ? "retry" : machine.asString());
        for (String name : DOCUMENTS) {
            JsonNode v = c.get(name);
            boolean empty = v == null || v.isNull() || (v.isContainer() && v.isEmpty());
            values.put(name, empty ? "" : json.writerWithDefaultPrettyPrinter().writeValueAsString(v));
        }
        return values;
    }

    /** Echoes what was posted, so a rejected form keeps the user's input. */
    static Map<String, Object> fromForm(MultiValueMap<String, String> form) {
        var values = new LinkedHashMap<String, Object>();
        form.forEach((name, v) -> values.put(name, v.isEmpty() ? "" : v.getFirst()));
        values.put("active_days", form.getOrDefault("active_days", List.of()));
        values.put("allowed_line_types", form.getOrDefault("allowed_line_types", List.of()));
        values.put("include_unknown_line_types", form.containsKey("include_unknown_line_types"));
        return values;
    }

    /** Defaults for a new campaign: weekdays, 60 an hour, no retries. */
    static Map<String, Object> blank() {
        var values = new LinkedHashMap<String, Object>();
        values.put("mode", "voice");
        values.put("hourly_rate", "60");
        values.put("retry_count", "0");
        values.put("active_days", List.of("mon", "tue", "wed", "thu", "fri"));
        values.put("allowed_line_types", List.of());
        values.put("include_unknown_line_types", true);
        values.put("hours_in", "campaign");
        values.put("duplicate_targets", "allow");
        values.put("machine_outcome", "retry");
        return values;
    }

    private static String firstLine(String message) {
        int cut = message.indexOf(" (");
        return (cut < 0 ? message : message.substring(0, cut))
                .lines()
                .findFirst()
                .orElse(message);
    }

    private static String value(MultiValueMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v.strip();
    }

    private static String text(@Nullable JsonNode node) {
        return node == null || node.isNull() ? "" : node.asString();
    }

    private static List<String> strings(@Nullable JsonNode node) {
        var out = new ArrayList<String>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asString()));
        }
        return out;
    }
}
