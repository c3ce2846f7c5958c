package dev.outbound.calendar;

import org.jspecify.annotations.Nullable;

/**
 * The region of each NANP area code ({@code calendar/area-codes.txt}): a US state or Canadian
 * province, a Caribbean country, or the country alone for codes that span several.
 */
final class AreaCodes {
    private static final @Nullable String[] BY_CODE = new String[1000];
    private static final int COUNT;

    static {
        int count = 0;
        for (String line : RegionTables.lines("area-codes.txt")) {
            String[] fields = line.split("\\s+");
            for (int i = 1; i < fields.length; i++) {
                int code = Integer.parseInt(fields[i]);
                if (fields[i].length() != 3 || BY_CODE[code] != null) {
                    throw new IllegalStateException("area code " + fields[i] + " is malformed or listed twice");
                }
                BY_CODE[code] = fields[0];
                count++;
            }
        }
        COUNT = count;
    }

    private AreaCodes() {}

    /** The region of area code {@code code} (200-999); null when the table does not know it. */
    static @Nullable String of(int code) {
        return BY_CODE[code];
    }

    static int count() {
        return COUNT;
    }
}
