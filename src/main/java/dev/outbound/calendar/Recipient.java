package dev.outbound.calendar;

import java.time.ZoneId;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a request's recipient is, as far as the calendar needs: the zones its number may be in
 * (the campaign's zone when unknown) and its region ({@code US-FL}), null when unknown.
 */
public record Recipient(Set<ZoneId> zones, @Nullable String region) {
    public Recipient {
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("a recipient has at least one zone");
        }
        zones = Set.copyOf(zones);
    }
}
