package dev.outbound.store;

import java.util.List;
import java.util.stream.Collectors;

/** Small pieces of SQL text the dialects share. */
final class Sql {
    private Sql() {}

    /** {@code :a, :b} for columns {@code a, b}. */
    static String params(List<String> columns) {
        return columns.stream().map(c -> ":" + c).collect(Collectors.joining(", "));
    }

    /** {@code alias.a AS a, alias.b AS b}. */
    static String qualified(String alias, List<String> columns) {
        return columns.stream().map(c -> alias + "." + c + " AS " + c).collect(Collectors.joining(", "));
    }
}
