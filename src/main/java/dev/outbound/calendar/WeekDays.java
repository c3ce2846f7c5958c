package dev.outbound.calendar;

import java.time.DayOfWeek;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The wire names of days, as a campaign's {@code active_days} spells them: {@code mon}..{@code sun}.
 * Rules also take the full English name ({@code monday}), which is how people write them.
 */
public final class WeekDays {
    private WeekDays() {}

    public static String wire(DayOfWeek d) {
        return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    public static @Nullable DayOfWeek parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (wire(d).equals(t) || d.name().toLowerCase(Locale.ROOT).equals(t)) {
                return d;
            }
        }
        return null;
    }
}
