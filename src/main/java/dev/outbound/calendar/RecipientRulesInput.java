package dev.outbound.calendar;

import dev.outbound.api.JsonFields;
import dev.outbound.contact.ContactLimit;
import dev.outbound.contact.ContactLimitInput;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the policy's {@code recipient_rules}, recording every violation with its full location.
 * Per rule: {@code region} is required; hours are optional (null is the start or end of the day),
 * {@code active_days} absent or null is every day, {@code contact_limit} reads as a campaign's.
 * Unknown sub-fields are ignored.
 */
public final class RecipientRulesInput {
    public static final int MAX_RULES = 500;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_SOURCE_LENGTH = 1000;
    /** The width of the V11 column that stores the list. */
    public static final int MAX_STORED_CHARS = 100_000;

    private static final Pattern REGION = Pattern.compile("^([A-Z]{2})(?:-[A-Z0-9]{1,3})?$");
    private static final Pattern TIME = Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?$");
    private static final Set<String> COUNTRIES = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private RecipientRulesInput() {}

    /** The rules in {@code parent}'s field {@code name}; none when absent, null or invalid. */
    public static RecipientRules read(JsonFields parent, String name) {
        JsonNode raw = parent.raw(name);
        if (raw != null && raw.isArray() && raw.size() > MAX_RULES) {
            parent.fail(name, "List should have at most " + MAX_RULES + " items", "too_long");
            return RecipientRules.NONE;
        }
        List<JsonFields> items = parent.objects(name, false);
        if (raw == null || items == null) {
            return RecipientRules.NONE;
        }
        var rules = new ArrayList<RecipientRule>();
        boolean valid = items.size() == raw.size();
        for (JsonFields item : items) {
            RecipientRule r = rule(item);
            valid &= r != null;
            if (r != null) {
                rules.add(r);
            }
        }
        if (!valid) {
            return RecipientRules.NONE;
        }
        var out = new RecipientRules(rules);
        String stored = RecipientRulesJson.write(out);
        if (stored != null && stored.length() > MAX_STORED_CHARS) {
            parent.fail(
                    name,
                    "The rules should take at most " + MAX_STORED_CHARS + " characters as JSON (they take "
                            + stored.length() + "); use fewer rules or shorter names and sources",
                    "too_long");
            return RecipientRules.NONE;
        }
        return out;
    }

    private static @Nullable RecipientRule rule(JsonFields r) {
        int before = count(r);
        String region = region(r);
        LocalTime start = time(r, "daily_start_time");
        LocalTime end = time(r, "daily_end_time");
        if (start != null && end != null && !start.isBefore(end)) {
            r.fail("daily_end_time", "daily_end_time must be after daily_start_time", "value_error");
        }
        Set<DayOfWeek> days = days(r);
        ContactLimit limit = ContactLimitInput.read(r, "contact_limit");
        String name = text(r, "name", MAX_NAME_LENGTH);
        String source = text(r, "source", MAX_SOURCE_LENGTH);
        if (region == null || count(r) != before) {
            return null;
        }
        return new RecipientRule(
                region, new CallingWindow(days, start, end), limit == null ? ContactLimit.NONE : limit, name, source);
    }

    /** How many violations were recorded so far: a rule is valid when reading it added none. */
    private static int count(JsonFields r) {
        return r.violations().size();
    }

    private static @Nullable String region(JsonFields r) {
        if (r.isNull("region")) {
            r.fail("region", "Input should be a valid string", "string_type");
            return null;
        }
        String s = r.string("region", true);
        if (s == null) {
            return null;
        }
        String t = s.strip().toUpperCase(Locale.ROOT);
        var m = REGION.matcher(t);
        if (!m.matches() || !COUNTRIES.contains(m.group(1))) {
            r.fail(
                    "region",
                    "region should be an ISO 3166-1 alpha-2 country such as US or an ISO 3166-2 subdivision such as"
                            + " US-FL",
                    "value_error");
            return null;
        }
        return t;
    }

    private static @Nullable LocalTime time(JsonFields r, String field) {
        String s = r.string(field, false);
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (!TIME.matcher(t).matches()) {
            r.fail(field, "Input should be a time of day as HH:MM or HH:MM:SS, e.g. 08:00", "time_parsing");
            return null;
        }
        return LocalTime.parse(t);
    }

    private static Set<DayOfWeek> days(JsonFields r) {
        List<String> given = r.stringList("active_days", false);
        if (given == null) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < given.size(); i++) {
            DayOfWeek d = WeekDays.parse(given.get(i));
            if (d == null) {
                r.violations().add(r.at("active_days", i), "Input should be " + JsonFields.quoteList(DAYS), "enum");
            } else {
                days.add(d);
            }
        }
        return days;
    }

    private static @Nullable String text(JsonFields r, String field, int max) {
        String s = r.string(field, false);
        if (s != null && s.length() > max) {
            r.fail(field, "String should have at most " + max + " characters", "string_too_long");
        }
        return s == null || s.isBlank() ? null : s.strip();
    }
}
