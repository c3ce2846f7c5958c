package dev.outbound.campaign;

import dev.outbound.channel.ChannelManagerStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A campaign's retries by outcome: a rule per channel status that replaces retry_count and
 * retry_interval after an attempt ending with that status, and what an answering machine does.
 */
public record RetryRules(Map<ChannelManagerStatus, RetryRule> byStatus, MachineOutcome machine) {
    public static final RetryRules NONE = new RetryRules(Map.of(), MachineOutcome.RETRY);

    /**
     * The statuses an attempt can end with and still be retried; any other status either reached
     * the person or refuses further attempts, so a rule for it could never apply.
     */
    public static final Set<ChannelManagerStatus> RETRYABLE = retryable();

    public RetryRules {
        byStatus = byStatus.isEmpty() ? Map.of() : new EnumMap<>(byStatus);
        for (ChannelManagerStatus s : byStatus.keySet()) {
            if (!RETRYABLE.contains(s)) {
                throw new IllegalArgumentException("no retry follows channel status " + s.wire());
            }
        }
    }

    /** The rule for an attempt that ended with {@code status}, or null to use retry_count. */
    public @Nullable RetryRule forStatus(ChannelManagerStatus status) {
        return byStatus.get(status);
    }

    /** The stored and returned shape: {@code {"BUSY": {"count": 3, "interval": "10m"}}}. */
    public Map<String, Map<String, Object>> wire() {
        var out = new LinkedHashMap<String, Map<String, Object>>();
        byStatus.forEach((status, rule) -> {
            var r = new LinkedHashMap<String, Object>();
            r.put("count", rule.count());
            if (rule.interval() != null) {
                r.put("interval", rule.interval());
            }
            out.put(status.wire(), r);
        });
        return out;
    }

    /**
     * The rules as stored: the {@link #wire()} document and the machine outcome's wire name.
     * Campaigns stored before the columns existed (nulls) retry every outcome alike, as they did.
     */
    static RetryRules stored(ObjectMapper mapper, @Nullable String json, @Nullable String machine) {
        MachineOutcome m = machine == null ? null : MachineOutcome.parse(machine);
        return new RetryRules(read(mapper, json), m == null ? MachineOutcome.RETRY : m);
    }

    private static Map<ChannelManagerStatus, RetryRule> read(ObjectMapper mapper, @Nullable String json) {
        if (json == null) {
            return Map.of();
        }
        var out = new EnumMap<ChannelManagerStatus, RetryRule>(ChannelManagerStatus.class);
        ObjectNode rules = (ObjectNode) mapper.readTree(json);
        for (var e : rules.properties()) {
            JsonNode interval = e.getValue().get("interval");
            out.put(
                    ChannelManagerStatus.of(e.getKey()),
                    new RetryRule(
                            e.getValue().get("count").asInt(),
                            interval == null || interval.isNull() ? null : interval.asString()));
        }
        return out;
    }

    private static Set<ChannelManagerStatus> retryable() {
        var s = EnumSet.allOf(ChannelManagerStatus.class);
        s.removeAll(EnumSet.of(
                ChannelManagerStatus.HUMAN,
                ChannelManagerStatus.DELIVERED,
                ChannelManagerStatus.DELIVERY_UNKNOWN,
                ChannelManagerStatus.DELIVERY_FAILED,
                ChannelManagerStatus.UNEXPECTED_ERROR,
                ChannelManagerStatus.OPENED,
                ChannelManagerStatus.CLICKED,
                ChannelManagerStatus.COMPLETED,
                ChannelManagerStatus.INVALID,
                ChannelManagerStatus.UNSUBSCRIBED,
                ChannelManagerStatus.PRIOR_UNSUBSCRIBED,
                ChannelManagerStatus.SPAM_REPORT,
                ChannelManagerStatus.PRIOR_SPAM_REPORT,
                ChannelManagerStatus.SIP_DOES_NOT_EXIST_ANYWHERE,
                ChannelManagerStatus.FILTERED_LINE_TYPE));
        return Set.copyOf(s);
    }
}
