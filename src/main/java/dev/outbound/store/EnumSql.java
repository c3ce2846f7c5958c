package dev.outbound.store;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * SQL literals for enum values, so a status list in SQL is generated from a lifecycle's table
 * instead of written out a second time by hand.
 */
public final class EnumSql {
    private EnumSql() {}

    /** {@code ('A', 'B')}: the names in their declared order, for {@code status IN ...}. */
    public static String in(Collection<? extends Enum<?>> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("IN () is not SQL");
        }
        return values.stream()
                .sorted(java.util.Comparator.comparingInt(Enum::ordinal))
                .map(EnumSql::literal)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** {@code 'A'}. Enum names need no escaping. */
    public static String literal(Enum<?> value) {
        return "'" + value.name() + "'";
    }
}
