package dev.outbound.channel;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How a campaign reaches people: the kind of channel an attempt goes through. */
public enum Mode {
    /** Phone calls; targets are phone numbers. The default when a campaign names no mode. */
    VOICE,
    /** Text messages; targets are phone numbers. */
    SMS,
    /** Email; targets are email addresses. */
    EMAIL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static @Nullable Mode parse(String s) {
        for (Mode m : values()) {
            if (m.wire().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }
}
