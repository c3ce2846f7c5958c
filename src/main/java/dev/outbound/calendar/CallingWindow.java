package dev.outbound.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The daily calling hours of a campaign: {@code dailyStart} (inclusive) to {@code dailyEnd}
 * (exclusive) on the active days, read on a given zone's clock. A null start means the start of
 * the day and a null end its end, so both null is the whole day; no active days means never open.
 *
 * <p>On a given local date the window is the interval of real time from the first instant the
 * local clock reads {@code dailyStart} or later to the first instant it reads {@code dailyEnd} or
 * later. That one rule settles the days the clocks change:
 *
 * <ul>
 *   <li>A start or end inside a spring-forward gap resolves to the first valid instant after the
 *       gap (the transition itself: 03:00 EDT for a 02:30 start in New York). This deliberately
 *       differs from {@link ZonedDateTime#of}, which shifts a gap time by the gap's length (02:30
 *       would become 03:30): the clock reads 03:00, which is inside 02:30..03:30, so the window is
 *       open then. A window wholly inside the gap is closed that day.
 *   <li>A start or end inside a fall-back overlap resolves to its earlier occurrence (as {@link
 *       ZonedDateTime#of} does). Once open, the window stays open until the clock first reaches
 *       the end, even if the clock falls back below the start meanwhile: the repeated hour never
 *       opens the window twice, and a window spanning the overlap lasts an hour longer in real
 *       time.
 * </ul>
 *
 * Windows never span midnight: the campaign refuses a start that is not before the end.
 */
public record CallingWindow(
        Set<DayOfWeek> activeDays,
        @Nullable LocalTime dailyStart,
        @Nullable LocalTime dailyEnd) {

    /**
     * How far {@link #nextOpen} looks ahead. A week repeats the active days; the second week covers
     * zones whose clocks change on different dates, when the hours they share move.
     */
    static final int HORIZON_DAYS = 14;

    public CallingWindow {
        activeDays = activeDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(activeDays));
        if (dailyStart != null && dailyEnd != null && !dailyStart.isBefore(dailyEnd)) {
            throw new IllegalArgumentException("daily start " + dailyStart + " is not before daily end " + dailyEnd);
        }
    }

    /** Every day, all day: a rule that does not narrow the hours. */
    public static final CallingWindow ALWAYS = new CallingWindow(EnumSet.allOf(DayOfWeek.class), null, null);

    /** Whether {@code at} falls inside the window as read on {@code zone}'s clock. */
    public boolean isOpen(Instant at, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        // The window of a day lies between that day's first instant and the next day's, so only
        // the local day of `at` can contain it.
        return activeDays.contains(day.getDayOfWeek())
                && !at.isBefore(opensAt(day, zone))
                && at.isBefore(closesAt(day, zone));
    }

    /**
     * Whether {@code at} is inside the window in every one of {@code zones}: a number that may be in
     * any of several zones is only dialled when it is a reasonable hour in all of them.
     *
     * @throws IllegalArgumentException if {@code zones} is empty (it would be vacuously open)
     */
    public boolean isOpen(Instant at, Set<ZoneId> zones) {
        requireZones(zones);
        for (ZoneId zone : zones) {
            if (!isOpen(at, zone)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #nextOpen(Instant, Set)} for a single zone. */
    public Optional<Instant> nextOpen(Instant from, ZoneId zone) {
        return nextOpen(from, Set.of(zone));
    }

    /**
     * The earliest instant at or after {@code from} at which the window is open in all {@code
     * zones}; empty if there is none within {@value #HORIZON_DAYS} days (no active days, or zones
     * too far apart to share any hours).
     *
     * <p>The open time is a union of half-open intervals per zone, and their intersection begins
     * either at {@code from} or at the opening of one zone's window; so those are the only
     * candidates, tried in order.
     *
     * @throws IllegalArgumentException if {@code zones} is empty
     */
    public Optional<Instant> nextOpen(Instant from, Set<ZoneId> zones) {
        requireZones(zones);
        if (activeDays.isEmpty()) {
            return Optional.empty();
        }
        TreeSet<Instant> candidates = new TreeSet<>();
        candidates.add(from);
        for (ZoneId zone : zones) {
            LocalDate first = LocalDate.ofInstant(from, zone);
            for (int i = 0; i <= HORIZON_DAYS; i++) {
                LocalDate day = first.plusDays(i);
                if (activeDays.contains(day.getDayOfWeek())) {
                    Instant opens = opensAt(day, zone);
                    if (!opens.isBefore(from)) {
                        candidates.add(opens);
                    }
                }
            }
        }
        for (Instant candidate : candidates) {
            if (isOpen(candidate, zones)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The real time the window is open between {@code from} (inclusive) and {@code to} (exclusive)
     * on {@code zone}'s clock; zero if {@code to} is not after {@code from}. Auto-pacing divides
     * the work left by this ("counting only the campaign's valid hours"). A 09:00-17:00 window is
     * 8 hours every day unless a clock change falls inside it (7 hours spring forward, 9 fall
     * back).
     */
    public Duration openTimeBetween(Instant from, Instant to, ZoneId zone) {
        Duration total = Duration.ZERO;
        if (!from.isBefore(to)) {
            return total;
        }
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(last); day = day.plusDays(1)) {
            if (!activeDays.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant start = latest(opensAt(day, zone), from);
            Instant end = earliest(closesAt(day, zone), to);
            if (start.isBefore(end)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /** The instant the window opens on {@code day}, on {@code zone}'s clock (whether or not the day is active). */
    public Instant opensAt(LocalDate day, ZoneId zone) {
        return firstReading(day, dailyStart == null ? LocalTime.MIDNIGHT : dailyStart, zone);
    }

    /** The instant the window closes on {@code day}, on {@code zone}'s clock. */
    public Instant closesAt(LocalDate day, ZoneId zone) {
        return dailyEnd == null
                ? firstReading(day.plusDays(1), LocalTime.MIDNIGHT, zone)
                : firstReading(day, dailyEnd, zone);
    }

    /** The first instant at which {@code zone}'s clock reads {@code time} on {@code day} or later. */
    public static Instant firstReading(LocalDate day, LocalTime time, ZoneId zone) {
        LocalDateTime local = day.atTime(time);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            // The clock skips `time`; the first reading after it is the moment it jumps.
            return transition.getInstant();
        }
        // Outside a gap ZonedDateTime.of is exact, and in an overlap takes the earlier offset.
        return ZonedDateTime.of(local, zone).toInstant();
    }

    private static void requireZones(Set<ZoneId> zones) {
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("at least one zone is needed");
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
