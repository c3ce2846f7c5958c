package dev.outbound.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.DuplicateTargets;
import dev.outbound.campaign.HoursIn;
import dev.outbound.campaign.RetryRules;
import dev.outbound.campaign.Targeting;
import dev.outbound.channel.Mode;
import dev.outbound.contact.ContactLimit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CallingWindowTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    /** Weekdays 09:00-17:00. */
    static final CallingWindow OFFICE = window(WEEKDAYS, "09:00", "17:00");

    static CallingWindow window(Set<DayOfWeek> days, @Nullable String start, @Nullable String end) {
        return new CallingWindow(
                days, start == null ? null : LocalTime.parse(start), end == null ? null : LocalTime.parse(end));
    }

    /** The instant at which {@code zone}'s clock reads {@code local} (earlier offset if twice). */
    static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    @Nested
    class Edges {
        @Test
        void the_window_opens_exactly_at_the_daily_start() {
            assertThat(OFFICE.isOpen(at("2025-06-02T09:00", NEW_YORK), NEW_YORK))
                    .isTrue();
            assertThat(OFFICE.isOpen(at("2025-06-02T08:59:59.999999999", NEW_YORK), NEW_YORK))
                    .isFalse();
        }

        @Test
        void the_window_is_closed_exactly_at_the_daily_end() {
            assertThat(OFFICE.isOpen(at("2025-06-02T16:59:59.999999999", NEW_YORK), NEW_YORK))
                    .isTrue();
            assertThat(OFFICE.isOpen(at("2025-06-02T17:00", NEW_YORK), NEW_YORK))
                    .isFalse();
        }

        @Test
        void the_hours_are_read_on_the_given_zones_clock() {
            Instant nineInNewYork = at("2025-06-02T09:00", NEW_YORK);
            assertThat(OFFICE.isOpen(nineInNewYork, NEW_YORK)).isTrue();
            assertThat(OFFICE.isOpen(nineInNewYork, LOS_ANGELES)).isFalse();
        }

        @Test
        void an_inactive_day_is_closed_all_day() {
            assertThat(OFFICE.isOpen(at("2025-06-07T12:00", NEW_YORK), NEW_YORK))
                    .isFalse();
            assertThat(OFFICE.isOpen(at("2025-06-08T12:00", NEW_YORK), NEW_YORK))
                    .isFalse();
        }

        @Test
        void the_active_day_is_the_local_day_not_the_utc_day() {
            // Friday 20:00 in New York is already Saturday in UTC.
            CallingWindow fridayEvening = window(Set.of(DayOfWeek.FRIDAY), "19:00", "21:00");
            assertThat(fridayEvening.isOpen(at("2025-06-06T20:00", NEW_YORK), NEW_YORK))
                    .isTrue();
        }

        @Test
        void a_window_without_start_and_end_is_open_the_whole_of_each_active_day() {
            CallingWindow wholeDay = window(WEEKDAYS, null, null);
            assertThat(wholeDay.isOpen(at("2025-06-02T00:00", NEW_YORK), NEW_YORK))
                    .isTrue();
            assertThat(wholeDay.isOpen(at("2025-06-06T23:59:59.999999999", NEW_YORK), NEW_YORK))
                    .isTrue();
            assertThat(wholeDay.isOpen(at("2025-06-07T00:00", NEW_YORK), NEW_YORK))
                    .isFalse();
        }

        @Test
        void a_window_with_no_active_days_is_never_open() {
            CallingWindow never = window(Set.of(), null, null);
            assertThat(never.isOpen(at("2025-06-02T12:00", NEW_YORK), NEW_YORK)).isFalse();
            assertThat(never.nextOpen(at("2025-06-02T12:00", NEW_YORK), NEW_YORK))
                    .isEmpty();
            assertThat(never.openTimeBetween(
                            at("2025-06-02T00:00", NEW_YORK), at("2025-06-30T00:00", NEW_YORK), NEW_YORK))
                    .isZero();
        }

        @Test
        void a_start_that_is_not_before_the_end_is_refused() {
            assertThatThrownBy(() -> window(WEEKDAYS, "17:00", "09:00")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> window(WEEKDAYS, "09:00", "09:00")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void a_window_is_built_from_the_campaign_rules() {
            CampaignRules rules = new CampaignRules(
                    1,
                    2,
                    Mode.VOICE,
                    NEW_YORK,
                    HoursIn.CAMPAIGN,
                    WEEKDAYS,
                    LocalTime.of(9, 0),
                    LocalTime.of(17, 0),
                    25,
                    null,
                    0,
                    null,
                    Targeting.NONE,
                    ContactLimit.NONE,
                    DuplicateTargets.ALLOW,
                    RetryRules.NONE,
                    dev.outbound.calendar.RestrictedDates.NONE,
                    null);
            assertThat(rules.window()).isEqualTo(OFFICE);
        }

        @Test
        void asking_about_no_zones_at_all_is_refused() {
            assertThatThrownBy(() -> OFFICE.isOpen(Instant.EPOCH, Set.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> OFFICE.nextOpen(Instant.EPOCH, Set.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class SeveralZones {
        static final Set<ZoneId> COASTS = Set.of(NEW_YORK, LOS_ANGELES);

        @Test
        void a_number_in_several_zones_is_open_only_when_open_in_all_of_them() {
            // 09:00-17:00 on both coasts overlaps 12:00-17:00 New York time.
            assertThat(OFFICE.isOpen(at("2025-06-02T11:59", NEW_YORK), COASTS)).isFalse();
            assertThat(OFFICE.isOpen(at("2025-06-02T12:00", NEW_YORK), COASTS)).isTrue();
            assertThat(OFFICE.isOpen(at("2025-06-02T16:59", NEW_YORK), COASTS)).isTrue();
            assertThat(OFFICE.isOpen(at("2025-06-02T17:00", NEW_YORK), COASTS)).isFalse();
        }

        @Test
        void the_next_opening_is_when_the_last_zone_opens() {
            assertThat(OFFICE.nextOpen(at("2025-06-02T08:00", NEW_YORK), COASTS))
                    .contains(at("2025-06-02T12:00", NEW_YORK));
        }

        @Test
        void after_the_shared_hours_the_next_opening_is_the_next_day() {
            assertThat(OFFICE.nextOpen(at("2025-06-02T17:30", NEW_YORK), COASTS))
                    .contains(at("2025-06-03T12:00", NEW_YORK));
        }

        @Test
        void zones_that_share_no_hours_never_open() {
            CallingWindow morningHour = window(EVERY_DAY, "09:00", "10:00");
            assertThat(morningHour.nextOpen(at("2025-06-02T00:00", NEW_YORK), Set.of(NEW_YORK, TOKYO)))
                    .isEmpty();
        }

        @Test
        void the_active_day_is_read_in_each_zone() {
            // Monday 08:00 in Tokyo is still Sunday in New York: wait for Monday in both.
            CallingWindow wholeWeekdays = window(WEEKDAYS, null, null);
            assertThat(wholeWeekdays.nextOpen(at("2025-06-01T12:00", NEW_YORK), Set.of(NEW_YORK, TOKYO)))
                    .contains(at("2025-06-02T00:00", NEW_YORK));
            assertThat(wholeWeekdays.isOpen(at("2025-06-06T12:00", NEW_YORK), Set.of(NEW_YORK, TOKYO)))
                    .isFalse();
        }
    }

    @Nested
    class NextOpen {
        @Test
        void inside_the_window_it_is_open_now() {
            Instant now = at("2025-06-02T10:15:30", NEW_YORK);
            assertThat(OFFICE.nextOpen(now, NEW_YORK)).contains(now);
        }

        @Test
        void before_the_window_it_opens_at_todays_start() {
            assertThat(OFFICE.nextOpen(at("2025-06-02T06:00", NEW_YORK), NEW_YORK))
                    .contains(at("2025-06-02T09:00", NEW_YORK));
        }

        @Test
        void at_the_end_of_the_window_it_opens_at_tomorrows_start() {
            assertThat(OFFICE.nextOpen(at("2025-06-02T17:00", NEW_YORK), NEW_YORK))
                    .contains(at("2025-06-03T09:00", NEW_YORK));
        }

        @Test
        void after_fridays_window_it_opens_on_monday() {
            assertThat(OFFICE.nextOpen(at("2025-06-06T17:00", NEW_YORK), NEW_YORK))
                    .contains(at("2025-06-09T09:00", NEW_YORK));
            assertThat(OFFICE.nextOpen(at("2025-06-07T12:00", NEW_YORK), NEW_YORK))
                    .contains(at("2025-06-09T09:00", NEW_YORK));
        }

        @Test
        void a_single_active_day_opens_up_to_a_week_later() {
            CallingWindow mondays = window(Set.of(DayOfWeek.MONDAY), "09:00", "17:00");
            assertThat(mondays.nextOpen(at("2025-06-02T17:00", NEW_YORK), NEW_YORK))
                    .contains(at("2025-06-09T09:00", NEW_YORK));
        }

        @Test
        void a_whole_day_window_opens_at_local_midnight_of_the_next_active_day() {
            CallingWindow wholeWeekdays = window(WEEKDAYS, null, null);
            assertThat(wholeWeekdays.nextOpen(at("2025-06-07T12:00", NEW_YORK), NEW_YORK))
                    .contains(at("2025-06-09T00:00", NEW_YORK));
        }
    }

    @Nested
    class DaylightSaving {
        static final CallingWindow DAILY_OFFICE = window(EVERY_DAY, "09:00", "17:00");

        @Test
        void spring_forward_in_new_york_keeps_the_window_at_local_nine() {
            // 2025-03-09: 02:00 EST becomes 03:00 EDT.
            assertThat(DAILY_OFFICE.nextOpen(at("2025-03-08T17:00", NEW_YORK), NEW_YORK))
                    .contains(utc("2025-03-09T13:00:00Z"));
            assertThat(DAILY_OFFICE.nextOpen(at("2025-03-07T17:00", NEW_YORK), NEW_YORK))
                    .contains(utc("2025-03-08T14:00:00Z"));
            assertThat(DAILY_OFFICE.isOpen(utc("2025-03-09T20:59:59Z"), NEW_YORK))
                    .isTrue();
            assertThat(DAILY_OFFICE.isOpen(utc("2025-03-09T21:00:00Z"), NEW_YORK))
                    .isFalse();
        }

        @Test
        void fall_back_in_new_york_keeps_the_window_at_local_nine() {
            // 2025-11-02: 02:00 EDT becomes 01:00 EST.
            assertThat(DAILY_OFFICE.nextOpen(at("2025-11-01T17:00", NEW_YORK), NEW_YORK))
                    .contains(utc("2025-11-02T14:00:00Z"));
            assertThat(DAILY_OFFICE.nextOpen(at("2025-10-31T17:00", NEW_YORK), NEW_YORK))
                    .contains(utc("2025-11-01T13:00:00Z"));
        }

        @Test
        void spring_forward_in_berlin_keeps_the_window_at_local_nine() {
            // 2025-03-30: 02:00 CET becomes 03:00 CEST.
            assertThat(DAILY_OFFICE.nextOpen(at("2025-03-29T17:00", BERLIN), BERLIN))
                    .contains(utc("2025-03-30T07:00:00Z"));
            assertThat(DAILY_OFFICE.nextOpen(at("2025-03-28T17:00", BERLIN), BERLIN))
                    .contains(utc("2025-03-29T08:00:00Z"));
        }

        @Test
        void fall_back_in_berlin_keeps_the_window_at_local_nine() {
            // 2025-10-26: 03:00 CEST becomes 02:00 CET.
            assertThat(DAILY_OFFICE.nextOpen(at("2025-10-25T17:00", BERLIN), BERLIN))
                    .contains(utc("2025-10-26T08:00:00Z"));
            assertThat(DAILY_OFFICE.nextOpen(at("2025-10-24T17:00", BERLIN), BERLIN))
                    .contains(utc("2025-10-25T07:00:00Z"));
        }

        @Test
        void a_start_inside_the_spring_forward_gap_opens_when_the_clock_jumps() {
            CallingWindow inTheGap = window(EVERY_DAY, "02:30", "03:30");
            Instant jump = utc("2025-03-09T07:00:00Z"); // 02:00 EST = 03:00 EDT
            assertThat(inTheGap.nextOpen(at("2025-03-09T00:00", NEW_YORK), NEW_YORK))
                    .contains(jump);
            assertThat(inTheGap.isOpen(jump.minusNanos(1), NEW_YORK)).isFalse();
            assertThat(inTheGap.isOpen(utc("2025-03-09T07:29:59Z"), NEW_YORK)).isTrue();
            assertThat(inTheGap.isOpen(utc("2025-03-09T07:30:00Z"), NEW_YORK)).isFalse();
            assertThat(inTheGap.openTimeBetween(
                            at("2025-03-09T00:00", NEW_YORK), at("2025-03-10T00:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofMinutes(30));
            // The next day is back to 02:30 local, now EDT.
            assertThat(inTheGap.nextOpen(utc("2025-03-09T07:30:00Z"), NEW_YORK)).contains(utc("2025-03-10T06:30:00Z"));
        }

        @Test
        void an_end_inside_the_spring_forward_gap_closes_when_the_clock_jumps() {
            CallingWindow endingInTheGap = window(EVERY_DAY, "01:00", "02:30");
            assertThat(endingInTheGap.isOpen(utc("2025-03-09T06:59:59Z"), NEW_YORK))
                    .isTrue();
            assertThat(endingInTheGap.isOpen(utc("2025-03-09T07:00:00Z"), NEW_YORK))
                    .isFalse();
            assertThat(endingInTheGap.openTimeBetween(
                            at("2025-03-09T00:00", NEW_YORK), at("2025-03-10T00:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofHours(1));
        }

        @Test
        void a_window_wholly_inside_the_gap_stays_closed_that_day() {
            CallingWindow gapOnly = window(EVERY_DAY, "02:15", "02:45");
            assertThat(gapOnly.nextOpen(at("2025-03-09T00:00", NEW_YORK), NEW_YORK))
                    .contains(at("2025-03-10T02:15", NEW_YORK));
        }

        @Test
        void the_repeated_hour_of_fall_back_does_not_open_the_window_twice() {
            // 01:30-03:00 opens at the first 01:30 (EDT) and stays open through the repeat of
            // 01:00-01:30 (EST) until 03:00 EST: one stretch of 2.5 hours.
            CallingWindow acrossTheRepeat = window(EVERY_DAY, "01:30", "03:00");
            assertThat(acrossTheRepeat.nextOpen(at("2025-11-02T00:00", NEW_YORK), NEW_YORK))
                    .contains(utc("2025-11-02T05:30:00Z"));
            assertThat(acrossTheRepeat.isOpen(utc("2025-11-02T06:15:00Z"), NEW_YORK))
                    .isTrue();
            assertThat(acrossTheRepeat.isOpen(utc("2025-11-02T07:59:59Z"), NEW_YORK))
                    .isTrue();
            assertThat(acrossTheRepeat.isOpen(utc("2025-11-02T08:00:00Z"), NEW_YORK))
                    .isFalse();
            assertThat(acrossTheRepeat.openTimeBetween(
                            at("2025-11-02T00:00", NEW_YORK), at("2025-11-03T00:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofMinutes(150));
            // Once closed it opens at tomorrow's 01:30 EST, not at the second 01:30 today.
            assertThat(acrossTheRepeat.nextOpen(utc("2025-11-02T08:00:00Z"), NEW_YORK))
                    .contains(utc("2025-11-03T06:30:00Z"));
        }

        @Test
        void an_end_inside_the_repeated_hour_closes_at_its_first_occurrence() {
            CallingWindow endingInTheRepeat = window(EVERY_DAY, "00:00", "01:30");
            assertThat(endingInTheRepeat.isOpen(utc("2025-11-02T05:29:59Z"), NEW_YORK))
                    .isTrue();
            assertThat(endingInTheRepeat.isOpen(utc("2025-11-02T05:30:00Z"), NEW_YORK))
                    .isFalse();
            // 01:00-01:30 EST reads inside the hours, but the window already closed today.
            assertThat(endingInTheRepeat.isOpen(utc("2025-11-02T06:15:00Z"), NEW_YORK))
                    .isFalse();
        }

        @Test
        void where_midnight_is_skipped_a_whole_day_window_opens_when_the_clock_jumps() {
            // Havana 2025-03-09 (a Sunday): 00:00 CST becomes 01:00 CDT.
            ZoneId havana = ZoneId.of("America/Havana");
            CallingWindow sundays = window(Set.of(DayOfWeek.SUNDAY), null, null);
            assertThat(sundays.nextOpen(utc("2025-03-08T12:00:00Z"), havana)).contains(utc("2025-03-09T05:00:00Z"));
            assertThat(sundays.isOpen(utc("2025-03-09T04:59:59Z"), havana)).isFalse();
            assertThat(sundays.openTimeBetween(utc("2025-03-08T00:00:00Z"), utc("2025-03-11T00:00:00Z"), havana))
                    .isEqualTo(Duration.ofHours(23));
        }

        @Test
        void berlin_windows_around_the_changes_follow_the_same_rules() {
            CallingWindow earlyHours = window(EVERY_DAY, "02:00", "04:00");
            // Spring: 02:00-03:00 is skipped, so 03:00-04:00 CEST remains.
            assertThat(earlyHours.nextOpen(at("2025-03-30T00:00", BERLIN), BERLIN))
                    .contains(utc("2025-03-30T01:00:00Z"));
            assertThat(earlyHours.openTimeBetween(
                            at("2025-03-30T00:00", BERLIN), at("2025-03-31T00:00", BERLIN), BERLIN))
                    .isEqualTo(Duration.ofHours(1));
            // Autumn: 02:00-03:00 happens twice, so three hours of real time.
            assertThat(earlyHours.nextOpen(at("2025-10-26T00:00", BERLIN), BERLIN))
                    .contains(utc("2025-10-26T00:00:00Z"));
            assertThat(earlyHours.openTimeBetween(
                            at("2025-10-26T00:00", BERLIN), at("2025-10-27T00:00", BERLIN), BERLIN))
                    .isEqualTo(Duration.ofHours(3));
        }
    }

    @Nested
    class OpenTime {
        @Test
        void a_working_week_has_forty_open_hours() {
            assertThat(OFFICE.openTimeBetween(
                            at("2025-06-02T00:00", NEW_YORK), at("2025-06-09T00:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofHours(40));
        }

        @Test
        void partial_days_at_either_end_count_only_their_open_part() {
            assertThat(OFFICE.openTimeBetween(
                            at("2025-06-02T12:00", NEW_YORK), at("2025-06-03T10:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofHours(6));
            assertThat(OFFICE.openTimeBetween(
                            at("2025-06-02T10:00", NEW_YORK), at("2025-06-02T10:45", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofMinutes(45));
        }

        @Test
        void an_empty_or_backwards_interval_has_no_open_time() {
            Instant noon = at("2025-06-02T12:00", NEW_YORK);
            assertThat(OFFICE.openTimeBetween(noon, noon, NEW_YORK)).isZero();
            assertThat(OFFICE.openTimeBetween(noon, noon.minusSeconds(3600), NEW_YORK))
                    .isZero();
        }

        @Test
        void office_hours_are_eight_real_hours_on_clock_change_days() {
            CallingWindow dailyOffice = window(EVERY_DAY, "09:00", "17:00");
            assertThat(dailyOffice.openTimeBetween(
                            at("2025-03-03T00:00", NEW_YORK), at("2025-03-10T00:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofHours(56));
            assertThat(dailyOffice.openTimeBetween(
                            at("2025-10-27T00:00", NEW_YORK), at("2025-11-03T00:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofHours(56));
            assertThat(dailyOffice.openTimeBetween(
                            at("2025-10-20T00:00", BERLIN), at("2025-11-03T00:00", BERLIN), BERLIN))
                    .isEqualTo(Duration.ofHours(112));
        }

        @Test
        void a_window_spanning_the_change_loses_or_gains_the_hour() {
            CallingWindow night = window(EVERY_DAY, "01:00", "04:00");
            assertThat(night.openTimeBetween(
                            at("2025-03-09T00:00", NEW_YORK), at("2025-03-10T00:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofHours(2));
            assertThat(night.openTimeBetween(
                            at("2025-11-02T00:00", NEW_YORK), at("2025-11-03T00:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofHours(4));
        }

        @Test
        void a_whole_day_window_counts_the_real_length_of_each_day() {
            CallingWindow always = window(EVERY_DAY, null, null);
            assertThat(always.openTimeBetween(
                            at("2025-03-09T00:00", NEW_YORK), at("2025-03-10T00:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofHours(23));
            assertThat(always.openTimeBetween(
                            at("2025-11-02T00:00", NEW_YORK), at("2025-11-03T00:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofHours(25));
            assertThat(always.openTimeBetween(
                            at("2025-06-01T00:00", NEW_YORK), at("2025-07-01T00:00", NEW_YORK), NEW_YORK))
                    .isEqualTo(Duration.ofDays(30));
        }
    }
}
