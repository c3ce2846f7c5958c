package dev.outbound.enrich;

import dev.outbound.campaign.TargetFilters;
import dev.outbound.campaign.Targeting;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A campaign's targeting as a pure predicate over a request's enrichment attributes ({@code
 * line_type}, {@code carrier_name}, {@code mcc}, {@code mnc}, ...). Attributes are null when the
 * enrichment never resolved ("unknown"): no lookup data, or a lookup that failed.
 *
 * <p>Rule semantics over resolved attributes, values compared trimmed and case-insensitively; a
 * field missing from the attributes has no value: {@code in}/{@code eq} are false for it, {@code
 * not_in}/{@code neq} true, {@code exists} false, {@code not_exists} true. {@code eq}/{@code neq}
 * compare with the listed values like {@code in}/{@code not_in} (normally one value).
 *
 * <p>Legacy buckets: {@code mobile} is line type mobile, {@code landline} is landline, {@code voip}
 * is fixedVoip or nonFixedVoip (or voip). Any other line type (tollFree, premium, unknown...) or none
 * is "unknown or could not be classified", dialled only with {@code include_unknown_line_types}.
 */
public final class TargetFilter {
    private static final TargetFilter NONE = new TargetFilter(null, Set.of(), true);

    private final @Nullable TargetFilters rules;
    private final Set<String> buckets;
    private final boolean includeUnknown;

    private TargetFilter(@Nullable TargetFilters rules, Set<String> buckets, boolean includeUnknown) {
        this.rules = rules;
        this.buckets = buckets;
        this.includeUnknown = includeUnknown;
    }

    public static TargetFilter of(Targeting targeting) {
        TargetFilters f = targeting.targetFilters();
        if (f != null) {
            return f.rules().isEmpty() ? NONE : new TargetFilter(f, Set.of(), true);
        }
        if (targeting.allowedLineTypes().isEmpty()) {
            return NONE;
        }
        return new TargetFilter(
                null,
                targeting.allowedLineTypes().stream().map(TargetFilter::norm).collect(Collectors.toSet()),
                targeting.includeUnknownLineTypes());
    }

    /** False when every target passes, so callers can skip reading enrichment at all. */
    public boolean active() {
        return rules != null || !buckets.isEmpty();
    }

    /** Whether a target with these attributes may be reached; null attributes are unknown. */
    public boolean dialable(@Nullable Map<String, String> attributes) {
        if (!active()) {
            return true;
        }
        if (rules == null) {
            String bucket = attributes == null ? null : bucket(attributes.get("line_type"));
            return bucket == null ? includeUnknown : buckets.contains(bucket);
        }
        if (attributes == null) {
            return rules.onUnknown().equals("include");
        }
        boolean any = rules.match().equals("any");
        for (TargetFilters.Rule r : rules.rules()) {
            boolean holds = holds(r, attributes);
            if (any && holds) {
                return true;
            }
            if (!any && !holds) {
                return false;
            }
        }
        return !any;
    }

    /** The legacy bucket of a Twilio line type, or null when it falls in none. */
    static @Nullable String bucket(@Nullable String lineType) {
        if (lineType == null) {
            return null;
        }
        return switch (norm(lineType)) {
            case "mobile" -> "mobile";
            case "landline" -> "landline";
            case "fixedvoip", "nonfixedvoip", "voip" -> "voip";
            default -> null;
        };
    }

    private static boolean holds(TargetFilters.Rule rule, Map<String, String> attributes) {
        String raw = attributes.get(rule.field());
        String value = raw == null || raw.isBlank() ? null : norm(raw);
        return switch (rule.op()) {
            case "in", "eq" -> value != null && contains(rule.values(), value);
            case "not_in", "neq" -> value == null || !contains(rule.values(), value);
            case "exists" -> value != null;
            case "not_exists" -> value == null;
            default -> throw new IllegalArgumentException("unknown filter op " + rule.op());
        };
    }

    private static boolean contains(List<String> values, String value) {
        for (String v : values) {
            if (norm(v).equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String norm(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
