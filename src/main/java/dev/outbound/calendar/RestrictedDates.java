package dev.outbound.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A list of restricted dates, in start order; a campaign's and its organization's are joined. */
public record RestrictedDates(List<RestrictedDate> dates) {
    public static final RestrictedDates NONE = new RestrictedDates(List.of());

    public RestrictedDates {
        dates = dates.stream()
                .sorted(Comparator.comparing(RestrictedDate::start).thenComparing(RestrictedDate::end))
                .toList();
    }

    public boolean isEmpty() {
        return dates.isEmpty();
    }

    /** The restriction covering {@code date} that ends last, so one skip clears overlapping ones. */
    public Optional<RestrictedDate> covering(LocalDate date) {
        return dates.stream().filter(d -> d.covers(date)).max(Comparator.comparing(RestrictedDate::end));
    }

    public RestrictedDates and(RestrictedDates other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        var both = new ArrayList<>(dates);
        both.addAll(other.dates);
        return new RestrictedDates(both);
    }
}
