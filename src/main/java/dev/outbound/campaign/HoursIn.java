package dev.outbound.campaign;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Extension: whose clock the daily calling hours are read on. */
public enum HoursIn {
    /** The campaign's own {@code timezone} (default). */
    CAMPAIGN,
    /** Each recipient's time zone, derived from their number. */
    RECIPIENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static @Nullable HoursIn parse(String s) {
        for (HoursIn h : values()) {
            if (h.wire().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return h;
            }
        }
        return null;
    }
}
