package dev.outbound.console;

import dev.outbound.forecast.Forecast;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The batch page's forecast: one sentence ("At this pace: done Thursday 14:20, 312 will expire
 * unattempted"), the first attempt while none was made, and attempts per day, done against planned,
 * as bars of a server-drawn SVG chart (no script).
 */
record ForecastPanel(String headline, @Nullable String firstAttempt, String zone, List<Bar> bars, int width) {
    static final int HEIGHT = 120;
    private static final int BAR = 14;
    private static final int DAY = 2 * BAR + 12;
    private static final DateTimeFormatter SOON = DateTimeFormatter.ofPattern("EEEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter LATER = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH);

    /** One day: attempts made and planned, their bars' heights and where the day starts. */
    record Bar(String label, String date, long done, long planned, int x, int doneHeight, int plannedHeight) {}

    static ForecastPanel of(Forecast f) {
        ZoneId zone = ZoneId.of(f.assumptions().timezone());
        String first = f.doneByDay().isEmpty() && f.expectedFirstAttempt() != null
                ? "First attempt " + when(f.expectedFirstAttempt(), f.computedAt(), zone) + "."
                : null;
        return new ForecastPanel(headline(f, zone), first, zone.getId(), bars(f), Math.max(DAY, bars(f).size() * DAY));
    }

    private static String headline(Forecast f, ZoneId zone) {
        if (f.assumptions().held() != null) {
            return "Nothing is planned: " + f.assumptions().held() + ".";
        }
        if (f.remaining() == 0) {
            return "Nothing is left to do.";
        }
        if (f.expectedFinish() == null) {
            return "The calling hours never open for what is left.";
        }
        String done = "At this pace: done " + when(f.expectedFinish(), f.computedAt(), zone);
        return f.willExpireUnattempted() > 0
                ? done + ", " + f.willExpireUnattempted() + " will expire unattempted."
                : done + ".";
    }

    /** A weekday within the coming week, else the date. */
    private static String when(Instant at, Instant now, ZoneId zone) {
        ZonedDateTime t = at.atZone(zone);
        return at.isBefore(now.plusSeconds(6 * 86_400)) ? SOON.format(t) : LATER.format(t);
    }

    private static List<Bar> bars(Forecast f) {
        var days = new TreeMap<LocalDate, long[]>();
        f.doneByDay().forEach(d -> days.computeIfAbsent(d.date(), k -> new long[2])[0] = d.attempts());
        f.byDay().forEach(d -> days.computeIfAbsent(d.date(), k -> new long[2])[1] += d.attempts());
        long max = days.values().stream()
                .mapToLong(v -> Math.max(v[0], v[1]))
                .max()
                .orElse(1);
        var out = new ArrayList<Bar>();
        int i = 0;
        for (Map.Entry<LocalDate, long[]> e : days.entrySet()) {
            long[] v = e.getValue();
            out.add(new Bar(
                    DAY_LABEL.format(e.getKey()),
                    e.getKey().toString(),
                    v[0],
                    v[1],
                    i++ * DAY,
                    (int) (HEIGHT * v[0] / Math.max(1, max)),
                    (int) (HEIGHT * v[1] / Math.max(1, max))));
        }
        return out;
    }
}
