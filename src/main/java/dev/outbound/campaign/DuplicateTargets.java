package dev.outbound.campaign;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What an upload does with a second row for the same person (target, or {@code contact_id}). */
public enum DuplicateTargets {
    /** Both rows are requests (the default). */
    ALLOW,
    /** The later row is DUPLICATE with reason DUPLICATE_TARGET. */
    SKIP;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static @Nullable DuplicateTargets parse(String s) {
        for (DuplicateTargets d : values()) {
            if (d.wire().equalsIgnoreCase(s.strip())) {
                return d;
            }
        }
        return null;
    }
}
