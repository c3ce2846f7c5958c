package dev.outbound.calendar;

import dev.outbound.contact.ContactLimit;
import dev.outbound.contact.ContactLimitJson;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recipient rules in the API's shape, which is also how the policy stores them: {@code [{"region":
 * "US-FL", "daily_start_time": "08:00", "daily_end_time": "20:00", "active_days": ["mon", ...],
 * "contact_limit": {...} | null, "name": ..., "source": ...}]}. Answers name every key: null
 * hours are the start or end of the day, and the active days are listed even when all seven.
 */
public final class RecipientRulesJson {
    private RecipientRulesJson() {}

    public static ArrayNode node(RecipientRules rules) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (RecipientRule r : rules.rules()) {
            ObjectNode o = out.addObject();
            o.put("region", r.region());
            o.put("daily_start_time", time(r.window().dailyStart()));
            o.put("daily_end_time", time(r.window().dailyEnd()));
            ArrayNode days = o.putArray("active_days");
            EnumSet<DayOfWeek> active = EnumSet.noneOf(DayOfWeek.class);
            active.addAll(r.window().activeDays());
            active.forEach(d -> days.add(WeekDays.wire(d)));
            if (r.contactLimit().limits()) {
                o.set("contact_limit", ContactLimitJson.node(r.contactLimit()));
            } else {
                o.putNull("contact_limit");
            }
            o.put("name", r.name());
            o.put("source", r.source());
        }
        return out;
    }

    /** The stored form; null for none. */
    public static @Nullable String write(RecipientRules rules) {
        return rules.isEmpty() ? null : node(rules).toString();
    }

    /** Reads the stored form (validated when it was written); null is none. */
    public static RecipientRules read(JsonMapper json, @Nullable String stored) {
        if (stored == null) {
            return RecipientRules.NONE;
        }
        var rules = new ArrayList<RecipientRule>();
        for (JsonNode r : json.readTree(stored)) {
            var days = EnumSet.noneOf(DayOfWeek.class);
            r.path("active_days")
                    .forEach(d -> days.add(java.util.Objects.requireNonNull(WeekDays.parse(d.asString()))));
            JsonNode limit = r.path("contact_limit");
            rules.add(new RecipientRule(
                    r.path("region").asString(),
                    new CallingWindow(days, localTime(r.path("daily_start_time")), localTime(r.path("daily_end_time"))),
                    limit.isObject() ? ContactLimitJson.read(limit) : ContactLimit.NONE,
                    text(r.path("name")),
                    text(r.path("source"))));
        }
        return new RecipientRules(rules);
    }

    private static @Nullable String time(@Nullable LocalTime t) {
        // LocalTime's own form: 08:00, or 08:00:30 when the seconds matter.
        return t == null ? null : t.toString();
    }

    private static @Nullable LocalTime localTime(JsonNode v) {
        return v.isString() ? LocalTime.parse(v.asString()) : null;
    }

    private static @Nullable String text(JsonNode v) {
        return v.isString() ? v.asString() : null;
    }
}
