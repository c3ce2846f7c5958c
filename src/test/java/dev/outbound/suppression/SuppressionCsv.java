package dev.outbound.suppression;

import java.util.ArrayList;
import java.util.List;

/** Test data builder for suppression list uploads: {@code aSuppressionList().row("+1512...").build()}. */
final class SuppressionCsv {
    private final List<String> header = new ArrayList<>(List.of("target", "kind", "reason"));
    private final StringBuilder rows = new StringBuilder();

    private SuppressionCsv() {}

    static SuppressionCsv aSuppressionList() {
        return new SuppressionCsv();
    }

    /** {@code count} valid US numbers from {@code +1512555<first>} on, kind and reason empty. */
    static List<String> numbers(int first, int count) {
        var out = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            out.add("+1512555" + String.format("%04d", first + i));
        }
        return out;
    }

    SuppressionCsv withHeader(String... names) {
        header.clear();
        header.addAll(List.of(names));
        return this;
    }

    SuppressionCsv row(String target) {
        return row(target, "", "");
    }

    SuppressionCsv rows(List<String> targets) {
        targets.forEach(this::row);
        return this;
    }

    SuppressionCsv row(String target, String kind, String reason) {
        return raw(target + "," + kind + "," + reason);
    }

    /** A line written as it is, right or wrong. */
    SuppressionCsv raw(String line) {
        rows.append(line).append('\n');
        return this;
    }

    String build() {
        return String.join(",", header) + "\n" + rows;
    }
}
