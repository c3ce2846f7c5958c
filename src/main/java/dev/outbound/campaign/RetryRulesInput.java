package dev.outbound.campaign;

import dev.outbound.api.JsonFields;
import dev.outbound.channel.ChannelManagerStatus;
import java.util.EnumMap;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the extensions {@code retry_rules} ({@code {"BUSY": {"count": 3, "interval": "10m"}}},
 * keyed by the channel status's wire name) and {@code machine_outcome} ({@code retry} or {@code
 * complete}), recording every violation.
 */
final class RetryRulesInput {
    private RetryRulesInput() {}

    static RetryRules read(JsonFields f) {
        var byStatus = new EnumMap<ChannelManagerStatus, RetryRule>(ChannelManagerStatus.class);
        JsonFields rules = f.object("retry_rules", false);
        JsonNode raw = f.raw("retry_rules");
        if (rules != null && raw != null) {
            for (var e : raw.properties()) {
                ChannelManagerStatus status = status(f, e.getKey());
                RetryRule rule = rule(rules, e.getKey());
                if (status != null && rule != null) {
                    byStatus.put(status, rule);
                }
            }
        }
        return new RetryRules(byStatus, machineOutcome(f));
    }

    private static @Nullable ChannelManagerStatus status(JsonFields f, String key) {
        ChannelManagerStatus status = ChannelManagerStatus.parse(key);
        if (status == null || !RetryRules.RETRYABLE.contains(status)) {
            f.violations()
                    .add(
                            f.at("retry_rules", key),
                            "Key should be a channel status after which a request is retried, e.g. BUSY,"
                                    + " NO-ANSWER or MACHINE",
                            "value_error");
            return null;
        }
        return status;
    }

    private static @Nullable RetryRule rule(JsonFields rules, String key) {
        JsonFields r = rules.object(key, true);
        if (r == null) {
            if (rules.isNull(key)) {
                rules.fail(key, "Input should be a valid dictionary or object", "model_attributes_type");
            }
            return null;
        }
        boolean valid = true;
        Integer count = r.integer("count", true);
        if (r.isNull("count")) {
            r.fail("count", "Input should be a valid integer", "int_type");
            valid = false;
        } else if (count == null) {
            valid = false;
        } else if (count < 0 || count > CampaignInputReader.MAX_RETRY_COUNT) {
            r.range("count", count, 0, CampaignInputReader.MAX_RETRY_COUNT);
            valid = false;
        }
        String interval = r.string("interval", false);
        if (interval != null && CampaignValues.parseRetryInterval(interval) == null) {
            r.fail(
                    "interval",
                    "Input should be a positive whole number of s, m, h or d, e.g. 30m, 12h or 7d",
                    "value_error");
            valid = false;
        }
        return valid && count != null
                ? new RetryRule(count, interval == null ? null : interval.trim().toLowerCase(Locale.ROOT))
                : null;
    }

    /** "retry" (the default, also for null) or "complete". */
    private static MachineOutcome machineOutcome(JsonFields f) {
        String s = f.string("machine_outcome", false);
        if (s == null) {
            return MachineOutcome.RETRY;
        }
        MachineOutcome m = MachineOutcome.parse(s);
        if (m == null) {
            f.fail("machine_outcome", "Input should be 'retry' or 'complete'", "enum");
            return MachineOutcome.RETRY;
        }
        return m;
    }
}
