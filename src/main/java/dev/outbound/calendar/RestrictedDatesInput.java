package dev.outbound.calendar;

import dev.outbound.api.JsonFields;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code restricted_dates} field wherever the API takes one (a campaign and the
 * organization policy validate it alike), recording every violation with its full location.
 * {@code end} may be left out for a single day. Unknown sub-fields are ignored.
 */
public final class RestrictedDatesInput {
    public static final int MAX_DATES = 500;
    public static final int MAX_NAME_LENGTH = 100;
    /** The width of the V11 columns that store the list. */
    public static final int MAX_STORED_CHARS = 20_000;

    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    private RestrictedDatesInput() {}

    /** The dates in {@code parent}'s field {@code name}; none when absent, null or invalid. */
    public static RestrictedDates read(JsonFields parent, String name) {
        JsonNode raw = parent.raw(name);
        if (raw != null && raw.isArray() && raw.size() > MAX_DATES) {
            parent.fail(name, "List should have at most " + MAX_DATES + " items", "too_long");
            return RestrictedDates.NONE;
        }
        List<JsonFields> items = parent.objects(name, false);
        if (raw == null || items == null) {
            return RestrictedDates.NONE;
        }
        var dates = new ArrayList<RestrictedDate>();
        // An item that is not an object was reported by objects() and left out of items.
        boolean valid = items.size() == raw.size();
        for (JsonFields item : items) {
            RestrictedDate d = date(item);
            valid &= d != null;
            if (d != null) {
                dates.add(d);
            }
        }
        if (!valid) {
            return RestrictedDates.NONE;
        }
        var out = new RestrictedDates(dates);
        String stored = RestrictedDatesJson.write(out);
        if (stored != null && stored.length() > MAX_STORED_CHARS) {
            parent.fail(
                    name,
                    "The list should take at most " + MAX_STORED_CHARS + " characters as JSON (it takes "
                            + stored.length() + "); use fewer entries or shorter names",
                    "too_long");
            return RestrictedDates.NONE;
        }
        return out;
    }

    private static @Nullable RestrictedDate date(JsonFields item) {
        LocalDate start = day(item, "start", true);
        boolean endGiven = item.has("end") && !item.isNull("end");
        LocalDate end = endGiven ? day(item, "end", false) : start;
        String label = item.string("name", false);
        boolean valid = true;
        if (label != null && label.length() > MAX_NAME_LENGTH) {
            item.fail("name", "String should have at most " + MAX_NAME_LENGTH + " characters", "string_too_long");
            valid = false;
        }
        if (start == null || end == null) {
            return null;
        }
        if (end.isBefore(start)) {
            item.fail("end", "end must not be before start (both are inclusive)", "value_error");
            valid = false;
        }
        return valid ? new RestrictedDate(start, end, label == null ? "" : label.strip()) : null;
    }

    private static @Nullable LocalDate day(JsonFields item, String field, boolean required) {
        if (item.isNull(field)) {
            item.fail(field, "Input should be a valid date", "date_type");
            return null;
        }
        String s = item.string(field, required);
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (ISO_DATE.matcher(t).matches()) {
            try {
                return LocalDate.parse(t);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        item.fail(field, "Input should be a valid date in the format YYYY-MM-DD, e.g. 2026-12-24", "date_parsing");
        return null;
    }
}
