package dev.outbound.calendar;

import org.jspecify.annotations.Nullable;

/**
 * The province of a Canadian postal code ({@code A1A 1A1}, a space or hyphen in the middle
 * optional, any case), or of its forward sortation area alone ({@code A1A}), by its first letter
 * as Canada Post assigns them. X is shared by the Northwest Territories and Nunavut: Nunavut's
 * areas are X0A, X0B and X0C (Qikiqtaaluk, Kivalliq, Kitikmeot), every other X is the Northwest
 * Territories (X0E, X0G, X1A Yellowknife).
 */
final class CanadianPostalCodes {
    /** Province by first letter, A..Z; null for letters Canada Post does not use first. */
    private static final @Nullable String[] BY_FIRST_LETTER = {
        "CA-NL",
        "CA-NS",
        "CA-PE",
        null,
        "CA-NB",
        null,
        "CA-QC",
        "CA-QC",
        null,
        "CA-QC", // A-J
        "CA-ON",
        "CA-ON",
        "CA-ON",
        "CA-ON",
        null,
        "CA-ON",
        null,
        "CA-MB",
        "CA-SK",
        "CA-AB", // K-T
        null,
        "CA-BC",
        null,
        "CA-NT",
        "CA-YT",
        null // U-Z
    };

    /** Letters never used in a postal code: D, F, I, O, Q, U (too like digits or each other). */
    private static final String UNUSED_LETTERS = "DFIOQU";

    private CanadianPostalCodes() {}

    static @Nullable String province(String code) {
        int length = code.length();
        if (length != 3 && length != 6 && length != 7) {
            return null;
        }
        if (length == 7 && code.charAt(3) != ' ' && code.charAt(3) != '-') {
            return null;
        }
        int position = 0;
        for (int i = 0; i < length; i++) {
            if (length == 7 && i == 3) {
                continue;
            }
            char c = Character.toUpperCase(code.charAt(i));
            boolean letter = position % 2 == 0;
            if (letter ? (c < 'A' || c > 'Z' || UNUSED_LETTERS.indexOf(c) >= 0) : (c < '0' || c > '9')) {
                return null;
            }
            position++;
        }
        char first = Character.toUpperCase(code.charAt(0));
        String province = BY_FIRST_LETTER[first - 'A'];
        if ("CA-NT".equals(province) && code.charAt(1) == '0' && "ABCabc".indexOf(code.charAt(2)) >= 0) {
            return "CA-NU";
        }
        return province;
    }
}
