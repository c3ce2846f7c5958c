package dev.outbound.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads one JSON object field by field, recording a {@link Violation} with the field's full
 * location for each wrong value instead of failing on the first. Types follow the reference API:
 * numeric strings are accepted for integers, unknown fields are ignored, and "required" means the
 * key must be present (a required field may still be null where its type allows).
 */
public final class JsonFields {
    private final JsonNode node;
    private final List<Object> loc;
    private final Violations violations;

    private JsonFields(JsonNode node, List<Object> loc, Violations violations) {
        this.node = node;
        this.loc = List.copyOf(loc);
        this.violations = violations;
    }

    /** The request body, which must be a JSON object. */
    public static JsonFields body(@Nullable JsonNode body, Violations violations) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            violations.add(List.of("body"), "Field required", "missing");
        } else if (!body.isObject()) {
            violations.add(List.of("body"), "Input should be a valid dictionary or object", "model_attributes_type");
        }
        return new JsonFields(
                body == null ? tools.jackson.databind.node.MissingNode.getInstance() : body,
                List.of("body"),
                violations);
    }

    public Violations violations() {
        return violations;
    }

    public boolean has(String name) {
        return node.isObject() && node.has(name);
    }

    /** Present with an explicit JSON null. */
    public boolean isNull(String name) {
        return has(name) && node.get(name).isNull();
    }

    public List<Object> at(Object... path) {
        var l = new ArrayList<Object>(loc);
        l.addAll(List.of(path));
        return l;
    }

    public void fail(String name, String msg, String type) {
        violations.add(at(name), msg, type);
    }

    private @Nullable JsonNode value(String name, boolean required) {
        if (!node.isObject()) {
            return null;
        }
        JsonNode v = node.get(name);
        if (v == null) {
            if (required) {
                fail(name, "Field required", "missing");
            }
            return null;
        }
        return v.isNull() ? null : v;
    }

    public @Nullable String string(String name, boolean required) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            fail(name, "Input should be a valid string", "string_type");
            return null;
        }
        return v.asString();
    }

    public @Nullable Integer integer(String name, boolean required) {
        JsonNode v = value(name, required);
        return v == null ? null : toInt(v, at(name));
    }

    private @Nullable Integer toInt(JsonNode v, List<Object> where) {
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isNumber()
                && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) < Integer.MAX_VALUE) {
            return (int) v.doubleValue();
        }
        if (v.isString()) {
            try {
                return Integer.parseInt(v.asString().trim());
            } catch (NumberFormatException e) {
                violations.add(
                        where, "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
                return null;
            }
        }
        violations.add(where, "Input should be a valid integer", "int_type");
        return null;
    }

    public @Nullable Long longValue(String name, boolean required) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isString()) {
            try {
                return Long.parseLong(v.asString().trim());
            } catch (NumberFormatException e) {
                fail(name, "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
                return null;
            }
        }
        fail(name, "Input should be a valid integer", "int_type");
        return null;
    }

    public @Nullable Double number(String name, boolean required) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isString()) {
            try {
                return Double.parseDouble(v.asString().trim());
            } catch (NumberFormatException e) {
                fail(name, "Input should be a valid number, unable to parse string as a number", "float_parsing");
                return null;
            }
        }
        fail(name, "Input should be a valid number", "float_type");
        return null;
    }

    public @Nullable Boolean bool(String name, boolean required) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isString()) {
            switch (v.asString().trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "yes", "on" -> {
                    return true;
                }
                case "false", "0", "no", "off" -> {
                    return false;
                }
                default -> {}
            }
        }
        fail(name, "Input should be a valid boolean", "bool_type");
        return null;
    }

    public @Nullable Instant dateTime(String name, boolean required) {
        String s = string(name, required);
        if (s == null) {
            return null;
        }
        Instant parsed = parseDateTime(s);
        if (parsed == null) {
            fail(
                    name,
                    "Input should be a valid datetime (ISO 8601 with a time zone, e.g. 2026-08-23T00:00:00Z)",
                    "datetime_parsing");
        }
        return parsed;
    }

    /** ISO 8601 instant with offset; a value without one is read as UTC, as the reference does. */
    public static @Nullable Instant parseDateTime(String s) {
        String t = s.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.LocalDate.parse(t)
                            .atStartOfDay(java.time.ZoneOffset.UTC)
                            .toInstant();
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }

    public @Nullable List<String> stringList(String name, boolean required) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            fail(name, "Input should be a valid list", "list_type");
            return null;
        }
        var out = new ArrayList<String>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (item.isString()) {
                out.add(item.asString());
            } else {
                violations.add(at(name, i), "Input should be a valid string", "string_type");
            }
        }
        return out;
    }

    /** A JSON object of string values; {@code keepNulls} keeps keys whose value is null. */
    public @Nullable Map<String, @Nullable String> stringMap(String name, boolean required, boolean keepNulls) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            fail(name, "Input should be a valid dictionary", "dict_type");
            return null;
        }
        var out = new LinkedHashMap<String, @Nullable String>();
        for (var e : v.properties()) {
            JsonNode item = e.getValue();
            if (item.isString()) {
                out.put(e.getKey(), item.asString());
            } else if (item.isNull() && keepNulls) {
                out.put(e.getKey(), null);
            } else {
                violations.add(at(name, e.getKey()), "Input should be a valid string", "string_type");
            }
        }
        return out;
    }

    /** A nested object, or null when absent or null. */
    public @Nullable JsonFields object(String name, boolean required) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            fail(name, "Input should be a valid dictionary or object", "model_attributes_type");
            return null;
        }
        return new JsonFields(v, at(name), violations);
    }

    /** A list of nested objects, or null when absent or null. */
    public @Nullable List<JsonFields> objects(String name, boolean required) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            fail(name, "Input should be a valid list", "list_type");
            return null;
        }
        var out = new ArrayList<JsonFields>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (item.isObject()) {
                out.add(new JsonFields(item, at(name, i), violations));
            } else {
                violations.add(at(name, i), "Input should be a valid dictionary or object", "model_attributes_type");
            }
        }
        return out;
    }

    /** The raw node of a field, for values stored as JSON documents. */
    public @Nullable JsonNode raw(String name) {
        return value(name, false);
    }

    public static String quoteList(List<String> allowed) {
        var sb = new StringBuilder();
        for (int i = 0; i < allowed.size(); i++) {
            if (i > 0) {
                sb.append(i == allowed.size() - 1 ? " or " : ", ");
            }
            sb.append('\'').append(allowed.get(i)).append('\'');
        }
        return sb.toString();
    }

    public void range(String name, @Nullable Integer value, int min, int max) {
        if (value == null) {
            return;
        }
        if (value < min) {
            fail(name, "Input should be greater than or equal to " + min, "greater_than_equal");
        } else if (value > max) {
            fail(name, "Input should be less than or equal to " + max, "less_than_equal");
        }
    }
}
