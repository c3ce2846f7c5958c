package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.calendar.CallingWindow;
import dev.outbound.request.RecipientZones;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TollFreeHoursTest {

    @Test
    void office_hours_never_open_in_every_zone_of_a_us_toll_free_number() {
        // From Guam to Newfoundland no 09:00-17:00 overlaps: such numbers wait for ever under
        // recipient hours, and the search for an opening ends with "never".
        var tollFree = RecipientZones.zonesFor("+18002752273", ZoneId.of("UTC"));
        var office = new CallingWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.of(17, 0));
        assertThat(tollFree.size()).isGreaterThan(10);
        assertThat(office.nextOpen(Instant.parse("2025-06-02T00:00:00Z"), tollFree))
                .isEmpty();
    }
}
