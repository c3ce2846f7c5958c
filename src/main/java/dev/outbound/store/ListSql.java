package dev.outbound.store;

import dev.outbound.api.JsonFields;
import dev.outbound.api.ListQuery;
import dev.outbound.api.Violations;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link ListQuery} into SQL over a whitelist of columns, so no caller text ever becomes
 * SQL. How a search value matches depends on the column: text matches case-insensitively as a
 * substring, numbers and statuses exactly, times either the exact instant or, for a bare date,
 * the whole UTC day.
 */
public final class ListSql {
    private ListSql() {}

    /** How a search value is compared with a column. */
    public enum Match {
        /** Case-insensitive substring. */
        CONTAINS,
        /** Exact, case-sensitive string equality. */
        EQUALS,
        /** Exact integer equality; a non-integer value is a 422. */
        NUMBER,
        /** The instant given, or the UTC day of a bare date. */
        TIME
    }

    /**
     * A listable property: its SQL expression, how searches match it and, for an enumeration
     * compared with {@link Match#EQUALS}, the values a search may name (empty: any).
     */
    public record Column(String sql, Match match, List<String> values) {
        public Column(String sql, Match match) {
            this(sql, match, List.of());
        }
    }

    /** WHERE conditions (each starting with AND), ORDER BY expression and their parameters. */
    public record Built(String conditions, String orderBy, Map<String, Object> params) {}

    public static Built build(
            ListQuery query, Map<String, Column> columns, String createdAt, String defaultOrder, String tiebreak) {
        var v = new Violations();
        var where = new StringBuilder();
        var params = new HashMap<String, Object>();
        for (ListQuery.Search s : query.searches()) {
            Column c = columns.get(s.field());
            if (c == null) {
                continue;
            }
            String p = "s" + s.index();
            switch (c.match()) {
                case CONTAINS -> {
                    where.append(" AND LOWER(")
                            .append(c.sql())
                            .append(") LIKE :")
                            .append(p)
                            .append(" ESCAPE '\\'");
                    params.put(p, "%" + escapeLike(s.value().toLowerCase(Locale.ROOT)) + "%");
                }
                case EQUALS -> {
                    if (!c.values().isEmpty() && !c.values().contains(s.value())) {
                        v.add(
                                List.of("query", "search_field_values", s.index()),
                                "Input should be " + JsonFields.quoteList(c.values()) + " to search " + s.field(),
                                "enum");
                    }
                    where.append(" AND ").append(c.sql()).append(" = :").append(p);
                    params.put(p, s.value());
                }
                case NUMBER -> {
                    try {
                        params.put(p, Long.parseLong(s.value().trim()));
                        where.append(" AND ").append(c.sql()).append(" = :").append(p);
                    } catch (NumberFormatException e) {
                        v.add(
                                List.of("query", "search_field_values", s.index()),
                                "Input should be a valid integer to search " + s.field(),
                                "int_parsing");
                    }
                }
                case TIME -> time(s, c, p, where, params, v);
            }
        }
        if (query.start() != null) {
            where.append(" AND ").append(createdAt).append(" >= :startAt");
            params.put("startAt", Instants.toDb(query.start()));
        }
        if (query.end() != null) {
            where.append(" AND ").append(createdAt).append(" <= :endAt");
            params.put("endAt", Instants.toDb(query.end()));
        }
        v.throwIfAny();
        Column orderColumn = query.orderBy() == null ? null : columns.get(query.orderBy());
        String order = orderColumn == null ? defaultOrder : orderColumn.sql();
        String direction = query.descending() ? " DESC" : " ASC";
        return new Built(where.toString(), order + direction + ", " + tiebreak + direction, params);
    }

    private static void time(
            ListQuery.Search s, Column c, String p, StringBuilder where, Map<String, Object> params, Violations v) {
        String value = s.value().trim();
        Instant at = JsonFields.parseDateTime(value);
        if (at == null) {
            v.add(
                    List.of("query", "search_field_values", s.index()),
                    "Input should be a date (2026-08-22) or datetime (2026-08-22T00:00:00Z) to search " + s.field(),
                    "datetime_parsing");
            return;
        }
        if (value.length() == 10) {
            where.append(" AND ")
                    .append(c.sql())
                    .append(" >= :")
                    .append(p)
                    .append("a AND ")
                    .append(c.sql())
                    .append(" < :")
                    .append(p)
                    .append("b");
            params.put(p + "a", Instants.toDb(at));
            params.put(p + "b", Instants.toDb(at.plus(1, ChronoUnit.DAYS)));
        } else {
            where.append(" AND ").append(c.sql()).append(" = :").append(p);
            params.put(p, Instants.toDb(at));
        }
    }

    public static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
