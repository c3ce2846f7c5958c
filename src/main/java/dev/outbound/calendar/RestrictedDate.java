package dev.outbound.calendar;

import java.time.LocalDate;

/**
 * Dates on which nothing is attempted, {@code start} to {@code end} inclusive, read on the clock
 * the hours are read on (so with {@code hours_in: recipient}, each recipient's own date).
 */
public record RestrictedDate(LocalDate start, LocalDate end, String name) {
    public RestrictedDate {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end);
    }

    /** How the console and reasons name it: {@code Christmas (2026-12-24 to 2026-12-26)}. */
    public String describe() {
        String range = start.equals(end) ? start.toString() : start + " to " + end;
        return name.isBlank() ? range : name + " (" + range + ")";
    }
}
