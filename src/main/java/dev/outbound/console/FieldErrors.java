package dev.outbound.console;

import dev.outbound.api.InvalidInput;
import dev.outbound.api.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's violations by form field: {@code ["body", "hourly_rate"]} belongs to field hourly_rate. */
final class FieldErrors {
    private FieldErrors() {}

    static Map<String, String> of(InvalidInput e) {
        return of(e, Map.of());
    }

    /**
     * As {@link #of(InvalidInput)}, for a form with fields written one entry per line: {@code
     * lines} gives, per such field, the line of each entry, so an error names the line the user
     * wrote rather than the entry's index.
     */
    static Map<String, String> of(InvalidInput e, Map<String, List<Integer>> lines) {
        var out = new LinkedHashMap<String, String>();
        for (Violation v : e.violations()) {
            List<Object> loc = v.loc();
            String field = loc.size() > 1 ? String.valueOf(loc.get(1)) : "form";
            List<Integer> lineOf = lines.get(field);
            String where;
            if (lineOf != null && loc.size() > 2 && loc.get(2) instanceof Integer i && i < lineOf.size()) {
                String rest = loc.size() > 3 ? " (" + path(loc.subList(3, loc.size())) + ")" : "";
                where = "line " + lineOf.get(i) + rest + ": ";
            } else {
                where = loc.size() > 2 ? "at " + path(loc.subList(2, loc.size())) + ": " : "";
            }
            out.merge(field, where + v.msg(), (a, b) -> a + "; " + b);
        }
        return out;
    }

    private static String path(List<Object> rest) {
        var sb = new StringBuilder();
        for (Object part : rest) {
            sb.append(part instanceof Integer i ? "[" + i + "]" : (sb.isEmpty() ? "" : ".") + part);
        }
        return sb.toString();
    }
}
