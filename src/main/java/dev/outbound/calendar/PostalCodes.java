package dev.outbound.calendar;

import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The region of a postal code: a US ZIP (five digits or ZIP+4) by its three-digit prefix
 * ({@code calendar/zip-prefixes.txt}), a Canadian postal code ({@code K1A 0B1}, or its first
 * three characters alone) by its first letter, which Canada Post assigns by province.
 */
final class PostalCodes {
    private static final @Nullable String[] BY_PREFIX = new String[1000];
    /** Five-digit exceptions inside a prefix, as [from, to] pairs; a handful, searched in order. */
    private static final int[] EXCEPTIONS;

    private static final String[] EXCEPTION_REGIONS;

    static {
        var exceptions = new ArrayList<int[]>();
        var regions = new ArrayList<String>();
        for (String line : RegionTables.lines("zip-prefixes.txt")) {
            String[] fields = line.split("\\s+");
            String[] bounds = fields[0].split("-");
            int from = Integer.parseInt(bounds[0]);
            int to = Integer.parseInt(bounds[bounds.length - 1]);
            if (bounds[0].length() == 5) {
                exceptions.add(new int[] {from, to});
                regions.add(fields[1]);
                continue;
            }
            for (int prefix = from; prefix <= to; prefix++) {
                if (BY_PREFIX[prefix] != null) {
                    throw new IllegalStateException("ZIP prefix " + prefix + " is listed twice");
                }
                BY_PREFIX[prefix] = fields[1];
            }
        }
        EXCEPTIONS = exceptions.stream().flatMapToInt(java.util.Arrays::stream).toArray();
        EXCEPTION_REGIONS = regions.toArray(String[]::new);
    }

    private PostalCodes() {}

    /** The region of {@code value}; null when it is neither a US ZIP nor a Canadian postal code we can place. */
    static @Nullable String of(String value) {
        String code = value.strip();
        int zip = zip(code);
        return zip >= 0 ? zipRegion(zip) : CanadianPostalCodes.province(code);
    }

    /** The five-digit ZIP of "33101", "33101-1234", "33101 1234" or "331011234"; -1 otherwise. */
    static int zip(String code) {
        int length = code.length();
        if (length != 5 && length != 9 && length != 10) {
            return -1;
        }
        if (length == 10 && code.charAt(5) != '-' && code.charAt(5) != ' ') {
            return -1;
        }
        int zip = 0;
        for (int i = 0; i < length; i++) {
            char c = code.charAt(i);
            if (length == 10 && i == 5) {
                continue;
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            if (i < 5) {
                zip = zip * 10 + (c - '0');
            }
        }
        return zip;
    }

    static @Nullable String zipRegion(int zip) {
        for (int i = 0; i < EXCEPTION_REGIONS.length; i++) {
            if (zip >= EXCEPTIONS[2 * i] && zip <= EXCEPTIONS[2 * i + 1]) {
                return EXCEPTION_REGIONS[i];
            }
        }
        return BY_PREFIX[zip / 100];
    }
}
