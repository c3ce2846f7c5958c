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
        var out = new LinkedHashMap<String, String>();
        for (Violation v : e.violations()) {
            List<Object> loc = v.loc();
            String field = loc.size() > 1 ? String.valueOf(loc.get(1)) : "form";
            String where = loc.size() > 2 ? "at " + path(loc.subList(2, loc.size())) + ": " : "";
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
