package dev.outbound.calendar;

import dev.outbound.api.JsonFields;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code max_concurrent} field (attempts in progress at once), as a campaign and the
 * organization policy take it: a whole number from 1, or absent or null for no limit.
 */
public final class MaxConcurrentInput {
    /** Far beyond what any provider account carries at once; a larger value is a typo. */
    public static final int MAX = 100_000;

    private MaxConcurrentInput() {}

    public static @Nullable Integer read(JsonFields f, String name) {
        Integer n = f.integer(name, false);
        if (n != null && (n < 1 || n > MAX)) {
            f.range(name, n, 1, MAX);
            return null;
        }
        return n;
    }
}
