package dev.outbound.campaign;

import dev.outbound.api.JsonFields;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads the campaign fields that are stored as JSON documents: voicemail detection and target filters. */
@Component
class DocumentReader {
    static final List<String> VOICEMAIL_NUMBERS = List.of(
            "voicemail_detection_overall_timeout",
            "voicemail_detection_pre_speech_timeout",
            "voicemail_detection_post_speech_timeout",
            "voicemail_detection_speech_threshold",
            "voicemail_detection_v2_pre_speech_timeout");
    private static final List<String> VOICEMAIL_MODES = List.of("v1", "v2");
    private static final List<String> MATCH = List.of("all", "any");
    private static final List<String> ON_UNKNOWN = List.of("include", "exclude");
    private static final List<String> OPS = List.of("in", "not_in", "eq", "neq", "exists", "not_exists");
    private static final List<String> OPS_WITH_VALUES = List.of("in", "not_in", "eq", "neq");

    private final JsonMapper mapper;

    DocumentReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Refuses a document too large for its column, measured as it will be stored. */
    void limit(JsonFields f, String name, @Nullable Object value, int maxChars) {
        if (value != null && mapper.writeValueAsString(value).length() > maxChars) {
            f.fail(name, name + " is too large: at most " + maxChars + " characters as JSON", "too_long");
        }
    }

    /** Known keys are checked; unknown keys are kept as given, as the contract's extra='allow' says. */
    @Nullable
    ObjectNode voicemailDetection(JsonFields f) {
        JsonFields vd = f.object("voicemail_detection", false);
        JsonNode raw = f.raw("voicemail_detection");
        if (vd == null || raw == null) {
            return null;
        }
        ObjectNode out = (ObjectNode) raw.deepCopy();
        String mode = vd.string("mode", false);
        String parsed = CampaignValues.choose(vd, "mode", mode, VOICEMAIL_MODES);
        if (parsed != null) {
            out.put("mode", parsed);
        }
        for (String key : VOICEMAIL_NUMBERS) {
            Double n = vd.number(key, false);
            if (n != null && !(n > 0)) {
                vd.fail(key, "Input should be greater than 0", "greater_than");
            } else if (n != null) {
                out.put(key, n);
            }
        }
        limit(f, "voicemail_detection", out, 10_000);
        return out;
    }

    @Nullable
    TargetFilters targetFilters(JsonFields f) {
        JsonFields tf = f.object("target_filters", false);
        if (tf == null) {
            return null;
        }
        String match = CampaignValues.choose(tf, "match", tf.string("match", false), MATCH);
        String onUnknown = CampaignValues.choose(tf, "on_unknown", tf.string("on_unknown", false), ON_UNKNOWN);
        if (tf.isNull("rules")) {
            tf.fail("rules", "Input should be a valid list", "list_type");
        }
        List<JsonFields> given = tf.objects("rules", false);
        var rules = new ArrayList<TargetFilters.Rule>();
        for (JsonFields r : given == null ? List.<JsonFields>of() : given) {
            TargetFilters.Rule rule = rule(r);
            if (rule != null) {
                rules.add(rule);
            }
        }
        var filters =
                new TargetFilters(match == null ? "all" : match, onUnknown == null ? "include" : onUnknown, rules);
        limit(f, "target_filters", filters, 100_000);
        return filters;
    }

    private static TargetFilters.@Nullable Rule rule(JsonFields r) {
        String field = r.string("field", true);
        if (field != null && field.isBlank()) {
            r.fail("field", "field must not be blank", "value_error");
        }
        String op = CampaignValues.choose(r, "op", r.string("op", true), OPS);
        List<String> values = r.stringList("values", false);
        if (op != null && OPS_WITH_VALUES.contains(op) && (values == null || values.isEmpty())) {
            r.fail("values", "values must list at least one value for op '" + op + "'", "value_error");
        }
        if (field == null || op == null) {
            return null;
        }
        return new TargetFilters.Rule(field.trim(), op, values == null ? List.of() : values);
    }
}
