package dev.outbound.calendar;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The ISO 3166-2 subdivisions a region may name (US states, DC and territories, Canadian
 * provinces and territories) and what a call list's {@code state} column may call them: the code,
 * its postal abbreviation or a name, in any case and spacing ({@code calendar/subdivisions.txt}).
 */
final class Subdivisions {
    static final Set<String> CODES;
    private static final Map<String, String> BY_NAME;

    static {
        var codes = new TreeSet<String>();
        var byName = new HashMap<String, String>();
        for (String line : RegionTables.lines("subdivisions.txt")) {
            List<String> names = List.of(line.split("\\|"));
            String code = names.getFirst().strip();
            codes.add(code);
            name(byName, code, code);
            name(byName, code.substring(code.indexOf('-') + 1), code);
            names.stream().skip(1).forEach(n -> name(byName, n, code));
        }
        CODES = Set.copyOf(codes);
        BY_NAME = Map.copyOf(byName);
    }

    private Subdivisions() {}

    /** The subdivision {@code value} names ("FL", " florida ", "US-FL"); null when none. */
    static @Nullable String named(String value) {
        return BY_NAME.get(normalise(value));
    }

    /**
     * Lower case, dots dropped ("D.C." is "dc") and every other run of punctuation or spaces one
     * space, trimmed: "Washington, D.C." reads "washington dc".
     */
    static String normalise(String value) {
        var b = new StringBuilder(value.length());
        boolean gap = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                continue;
            }
            if (!Character.isLetterOrDigit(c)) {
                gap = true;
                continue;
            }
            if (gap && !b.isEmpty()) {
                b.append(' ');
            }
            gap = false;
            b.append(Character.toLowerCase(c));
        }
        return b.toString();
    }

    private static void name(Map<String, String> byName, String name, String code) {
        String previous = byName.put(normalise(name), code);
        if (previous != null && !previous.equals(code)) {
            throw new IllegalStateException("'" + name + "' names both " + previous + " and " + code);
        }
    }
}
