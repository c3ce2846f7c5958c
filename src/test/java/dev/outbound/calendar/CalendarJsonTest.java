package dev.outbound.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.contact.ContactLimit;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The stored form of restricted dates and recipient rules reads back as what was written. */
class CalendarJsonTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void restricted_dates_read_back_as_written_and_none_is_stored_as_null() {
        var dates = new RestrictedDates(List.of(
                new RestrictedDate(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-26"), "Christmas"),
                new RestrictedDate(LocalDate.parse("2026-07-04"), LocalDate.parse("2026-07-04"), "")));

        String stored = RestrictedDatesJson.write(dates);

        assertThat(stored).isNotNull();
        assertThat(RestrictedDatesJson.read(JSON, stored)).isEqualTo(dates);
        assertThat(RestrictedDatesJson.write(RestrictedDates.NONE)).isNull();
        assertThat(RestrictedDatesJson.read(JSON, null)).isEqualTo(RestrictedDates.NONE);
    }

    @Test
    void recipient_rules_read_back_as_written_with_seconds_names_sources_and_limits() {
        var rules = new RecipientRules(List.of(
                new RecipientRule(
                        "US-TX",
                        new CallingWindow(
                                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY),
                                LocalTime.of(9, 0),
                                LocalTime.of(20, 59, 30)),
                        new ContactLimit(3, 1, 2),
                        "Texas",
                        "Tex. Bus. & Com. Code 301.051"),
                new RecipientRule(
                        "GB", new CallingWindow(EnumSet.noneOf(DayOfWeek.class), null, null), ContactLimit.NONE)));

        String stored = RecipientRulesJson.write(rules);

        assertThat(stored).isNotNull().contains("\"daily_end_time\":\"20:59:30\"", "\"active_days\":[]");
        assertThat(RecipientRulesJson.read(JSON, stored)).isEqualTo(rules);
        assertThat(RecipientRulesJson.write(RecipientRules.NONE)).isNull();
    }

    @Test
    void days_are_read_in_the_campaigns_short_form_or_in_full() {
        assertThat(WeekDays.parse("mon")).isEqualTo(DayOfWeek.MONDAY);
        assertThat(WeekDays.parse(" Sunday ")).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(WeekDays.parse("mo")).isNull();
        assertThat(WeekDays.wire(DayOfWeek.WEDNESDAY)).isEqualTo("wed");
    }
}
