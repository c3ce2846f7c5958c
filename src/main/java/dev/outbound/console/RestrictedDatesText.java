package dev.outbound.console;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Restricted dates as a textarea: one {@code YYYY-MM-DD[..YYYY-MM-DD] [name]} per line, e.g.
 * {@code 2026-12-24..2026-12-26 Christmas}. The text only splits lines; the API's reader judges
 * the dates, and its errors name the entry, which {@link #lines} turns back into a line number.
 */
final class RestrictedDatesText {
    static final String NAME = "restricted_dates";
    static final String HINT = "One per line: YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (inclusive), then an optional name,"
            + " e.g. 2026-12-24..2026-12-26 Christmas.";

    private RestrictedDatesText() {}

    /** The entries of {@code text} for the API's body, and the line each came from (1-based). */
    record Parsed(ArrayNode dates, List<Integer> lines) {}

    static Parsed parse(String text) {
        ArrayNode dates = JsonNodeFactory.instance.arrayNode();
        var lines = new ArrayList<Integer>();
        String[] all = text.split("\\R");
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String range = parts[0];
            int dots = range.indexOf("..");
            ObjectNode d = dates.addObject();
            d.put("start", dots < 0 ? range : range.substring(0, dots));
            if (dots >= 0) {
                d.put("end", range.substring(dots + 2));
            }
            if (parts.length > 1) {
                d.put("name", parts[1].strip());
            }
            lines.add(i + 1);
        }
        return new Parsed(dates, lines);
    }

    /** The text for dates as the API answers them. */
    static String format(@org.jspecify.annotations.Nullable JsonNode dates) {
        var out = new StringBuilder();
        if (dates != null && dates.isArray()) {
            for (JsonNode d : dates) {
                String start = d.path("start").asString();
                String end = d.path("end").isString() ? d.path("end").asString() : start;
                out.append(start);
                if (!end.equals(start)) {
                    out.append("..").append(end);
                }
                if (d.path("name").isString()) {
                    out.append(' ').append(d.path("name").asString());
                }
                out.append('\n');
            }
        }
        return out.toString().strip();
    }
}
