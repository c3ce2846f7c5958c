package dev.outbound.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * The contract's list parameters, validated: {@code page} (0-based), {@code limit},
 * {@code search_fields}/{@code search_field_values} paired by index, {@code order_by},
 * {@code order_by_direction}, {@code fields} to project and {@code start_datetime}/
 * {@code end_datetime} on creation time. Lists may be repeated parameters or comma separated.
 */
public record ListQuery(
        int page,
        int limit,
        List<Search> searches,
        @Nullable String orderBy,
        boolean descending,
        List<String> fields,
        @Nullable Instant start,
        @Nullable Instant end) {

    /** Largest page served; larger limits are clamped and reported in {@code page_size}. */
    public static final int MAX_LIMIT = 1000;

    /** One search term: a property name and the raw value to match. */
    public record Search(String field, String value, int index) {}

    public long offset() {
        return (long) page * limit;
    }

    public static ListQuery parse(MultiValueMap<String, String> params, List<String> properties) {
        var v = new Violations();
        int page = intParam(params, "page", 0, v);
        int limit = Math.min(intParam(params, "limit", 25, v), MAX_LIMIT);
        List<String> searchFields = enumList(params, "search_fields", properties, v);
        List<String> values = params.getOrDefault("search_field_values", List.of());
        if (searchFields.size() != values.size()) {
            v.add(
                    List.of("query", "search_field_values"),
                    "search_fields and search_field_values must have the same number of entries (got "
                            + searchFields.size() + " and " + values.size() + ")",
                    "value_error");
        }
        var searches = new ArrayList<Search>();
        for (int i = 0; i < Math.min(searchFields.size(), values.size()); i++) {
            searches.add(new Search(searchFields.get(i), values.get(i), i));
        }
        String orderBy = params.getFirst("order_by");
        if (orderBy != null && orderBy.isBlank()) {
            orderBy = null;
        }
        if (orderBy != null && !properties.contains(orderBy)) {
            v.add(List.of("query", "order_by"), "Input should be " + JsonFields.quoteList(properties), "enum");
        }
        String direction = params.getFirst("order_by_direction");
        boolean descending = false;
        if (direction != null && !direction.isBlank()) {
            switch (direction.toLowerCase(Locale.ROOT)) {
                case "asc" -> descending = false;
                case "desc" -> descending = true;
                default -> v.add(List.of("query", "order_by_direction"), "Input should be 'asc' or 'desc'", "enum");
            }
        } else if (orderBy == null) {
            descending = true;
        }
        List<String> fields = enumList(params, "fields", properties, v);
        Instant start = instantParam(params, "start_datetime", v);
        Instant end = instantParam(params, "end_datetime", v);
        v.throwIfAny();
        return new ListQuery(page, limit, searches, orderBy, descending, fields, start, end);
    }

    private static int intParam(MultiValueMap<String, String> params, String name, int dflt, Violations v) {
        String s = params.getFirst(name);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 0) {
                v.add(List.of("query", name), "Input should be greater than or equal to 0", "greater_than_equal");
            }
            return Math.max(n, 0);
        } catch (NumberFormatException e) {
            v.add(
                    List.of("query", name),
                    "Input should be a valid integer, unable to parse string as an integer",
                    "int_parsing");
            return dflt;
        }
    }

    private static List<String> enumList(
            MultiValueMap<String, String> params, String name, List<String> allowed, Violations v) {
        var out = new ArrayList<String>();
        int i = 0;
        for (String raw : params.getOrDefault(name, List.of())) {
            for (String s : raw.split(",", -1)) {
                String t = s.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (!allowed.contains(t)) {
                    v.add(List.of("query", name, i), "Input should be " + JsonFields.quoteList(allowed), "enum");
                }
                out.add(t);
                i++;
            }
        }
        return out;
    }

    private static @Nullable Instant instantParam(MultiValueMap<String, String> params, String name, Violations v) {
        String s = params.getFirst(name);
        if (s == null || s.isBlank()) {
            return null;
        }
        Instant t = JsonFields.parseDateTime(s);
        if (t == null) {
            v.add(
                    List.of("query", name),
                    "Input should be a valid datetime, e.g. 2026-01-01T00:00:00Z",
                    "datetime_parsing");
        }
        return t;
    }
}
