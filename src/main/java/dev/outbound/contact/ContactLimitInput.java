package dev.outbound.contact;

import dev.outbound.api.JsonFields;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code contact_limit} field ({@code {"max_attempts", "days", "after_conversation_days"}},
 * each optional) wherever the API takes one: a campaign and the organization policy validate it
 * alike. Unknown sub-fields are ignored, as everywhere in the API.
 */
public final class ContactLimitInput {
    /** Ten years: a longer window is a typo, and it keeps date arithmetic far from overflow. */
    public static final int MAX_DAYS = 3650;

    public static final int MAX_ATTEMPTS = 10_000;

    private ContactLimitInput() {}

    /**
     * The limit in {@code parent}'s field {@code name}; null when absent, null, or an object
     * without any part (no limit), and null after recording violations when invalid.
     */
    public static @Nullable ContactLimit read(JsonFields parent, String name) {
        JsonFields f = parent.object(name, false);
        if (f == null) {
            return null;
        }
        Part maxAttempts = part(f, "max_attempts", MAX_ATTEMPTS);
        Part days = part(f, "days", MAX_DAYS);
        Part quiet = part(f, "after_conversation_days", MAX_DAYS);
        boolean valid = maxAttempts.valid() && days.valid() && quiet.valid();
        if (valid && (maxAttempts.value() == null) != (days.value() == null)) {
            f.fail(
                    maxAttempts.value() == null ? "max_attempts" : "days",
                    "max_attempts and days must be given together: at most max_attempts in any days",
                    "value_error");
            valid = false;
        }
        if (!valid) {
            return null;
        }
        var limit = new ContactLimit(maxAttempts.value(), days.value(), quiet.value());
        return limit.limits() ? limit : null;
    }

    private record Part(@Nullable Integer value, boolean valid) {}

    /** A whole number from 1 to {@code max}; absent or null is no limit of this kind. */
    private static Part part(JsonFields f, String name, int max) {
        boolean given = f.has(name) && !f.isNull(name);
        Integer n = f.integer(name, false);
        if (given && n == null) {
            return new Part(null, false);
        }
        if (n != null && (n < 1 || n > max)) {
            f.range(name, n, 1, max);
            return new Part(null, false);
        }
        return new Part(n, true);
    }
}
