package dev.outbound.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.contact.ContactLimit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AttemptCalendarTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    static final CallingWindow NINE_TO_NINE = window(EVERY_DAY, "09:00", "21:00");
    static final RestrictedDate CHRISTMAS = restriction("2026-12-24", "2026-12-26", "Christmas");

    static CallingWindow window(Set<DayOfWeek> days, @Nullable String start, @Nullable String end) {
        return new CallingWindow(
                days, start == null ? null : LocalTime.parse(start), end == null ? null : LocalTime.parse(end));
    }

    static RestrictedDate restriction(String start, String end, String name) {
        return new RestrictedDate(LocalDate.parse(start), LocalDate.parse(end), name);
    }

    static RecipientRule rule(String region, String start, String end) {
        return new RecipientRule(region, window(EVERY_DAY, start, end), ContactLimit.NONE);
    }

    static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static AttemptCalendar inCampaignZone(CallingWindow w, List<RestrictedDate> dates, RecipientRule... rules) {
        return new AttemptCalendar(w, false, NEW_YORK, new RestrictedDates(dates), new RecipientRules(List.of(rules)));
    }

    static AttemptCalendar inRecipientZones(CallingWindow w, List<RestrictedDate> dates, RecipientRule... rules) {
        return new AttemptCalendar(w, true, NEW_YORK, new RestrictedDates(dates), new RecipientRules(List.of(rules)));
    }

    static Recipient in(ZoneId zone) {
        return new Recipient(Set.of(zone), null);
    }

    static Recipient in(String region, ZoneId... zones) {
        return new Recipient(Set.of(zones), region);
    }

    @Nested
    class RestrictedDatesInTheCampaignsZone {
        final AttemptCalendar calendar = inCampaignZone(NINE_TO_NINE, List.of(CHRISTMAS));

        @Test
        void nothing_is_allowed_on_a_restricted_date_and_the_next_attempt_is_the_first_opening_after_it() {
            assertThat(calendar.allows(at("2026-12-23T20:59", NEW_YORK), in(NEW_YORK)))
                    .isTrue();
            assertThat(calendar.allows(at("2026-12-24T12:00", NEW_YORK), in(NEW_YORK)))
                    .isFalse();
            assertThat(calendar.nextAllowed(at("2026-12-23T21:00", NEW_YORK), in(NEW_YORK)))
                    .contains(at("2026-12-27T09:00", NEW_YORK));
        }

        @Test
        void the_campaigns_date_counts_even_for_a_recipient_whose_own_date_differs() {
            // 23:30 in New York on the 23rd is the 24th in Berlin: in campaign mode only New York's date counts.
            var window = window(EVERY_DAY, null, null);
            var calendar = inCampaignZone(window, List.of(CHRISTMAS));
            assertThat(calendar.allows(at("2026-12-23T23:30", NEW_YORK), in(BERLIN)))
                    .isTrue();
            assertThat(calendar.allows(at("2026-12-26T23:30", NEW_YORK), in(BERLIN)))
                    .isFalse();
        }

        @Test
        void closed_at_says_why_and_until_when() {
            var closed = calendar.closedAt(at("2026-12-25T10:00", NEW_YORK), in(NEW_YORK))
                    .orElseThrow();
            assertThat(closed.cause()).isEqualTo(Closed.Cause.RESTRICTED_DATE);
            assertThat(closed.detail()).isEqualTo("Christmas (2026-12-24 to 2026-12-26)");
            assertThat(closed.until()).isEqualTo(at("2026-12-27T09:00", NEW_YORK));
        }

        @Test
        void a_single_day_without_a_name_is_named_by_its_date() {
            var calendar = inCampaignZone(NINE_TO_NINE, List.of(restriction("2026-07-04", "2026-07-04", "")));
            assertThat(calendar.closedAt(at("2026-07-04T10:00", NEW_YORK), in(NEW_YORK))
                            .orElseThrow()
                            .detail())
                    .isEqualTo("2026-07-04");
        }

        @Test
        void a_window_after_a_restriction_a_year_ahead_is_still_found() {
            var calendar = inCampaignZone(NINE_TO_NINE, List.of(restriction("2027-12-01", "2027-12-31", "Far")));
            assertThat(calendar.nextAllowed(at("2027-12-01T10:00", NEW_YORK), in(NEW_YORK)))
                    .contains(at("2028-01-01T09:00", NEW_YORK));
        }

        @Test
        void a_restriction_of_forty_days_is_found_past_the_two_week_window_search() {
            var calendar = inCampaignZone(NINE_TO_NINE, List.of(restriction("2026-07-01", "2026-08-09", "Summer")));
            assertThat(calendar.nextAllowed(at("2026-07-01T10:00", NEW_YORK), in(NEW_YORK)))
                    .contains(at("2026-08-10T09:00", NEW_YORK));
        }

        @Test
        void overlapping_and_adjacent_restrictions_are_stepped_over_together() {
            var calendar = inCampaignZone(
                    NINE_TO_NINE,
                    List.of(
                            restriction("2026-12-20", "2026-12-31", "Holidays"),
                            CHRISTMAS,
                            restriction("2027-01-01", "2027-01-01", "New Year"),
                            restriction("2026-12-30", "2027-01-03", "Inventory")));
            assertThat(calendar.nextAllowed(at("2026-12-22T10:00", NEW_YORK), in(NEW_YORK)))
                    .contains(at("2027-01-04T09:00", NEW_YORK));
            assertThat(calendar.closedAt(at("2026-12-25T10:00", NEW_YORK), in(NEW_YORK))
                            .orElseThrow()
                            .detail())
                    .as("of the restrictions covering the day, the one ending last")
                    .isEqualTo("Holidays (2026-12-20 to 2026-12-31)");
        }

        @Test
        void a_restriction_falling_on_days_the_campaign_never_calls_changes_nothing() {
            var weekdays = window(WEEKDAYS, "09:00", "17:00");
            var calendar = inCampaignZone(weekdays, List.of(restriction("2026-12-05", "2026-12-06", "Weekend")));
            var opening = calendar.opening(at("2026-12-04T18:00", NEW_YORK), in(NEW_YORK))
                    .orElseThrow();
            assertThat(opening.at()).isEqualTo(at("2026-12-07T09:00", NEW_YORK));
            assertThat(opening.delayedBy())
                    .as("the window alone opens then too")
                    .isNull();
        }
    }

    @Nested
    class RestrictedDatesInRecipientZones {
        final CallingWindow allDay = window(EVERY_DAY, null, null);
        final AttemptCalendar calendar =
                inRecipientZones(allDay, List.of(restriction("2026-12-24", "2026-12-24", "Eve")));

        @Test
        void each_recipient_reads_the_date_on_its_own_clock() {
            Instant berlinsEve = at("2026-12-24T03:00", BERLIN); // 21:00 on the 23rd in New York
            assertThat(calendar.allows(berlinsEve, in(BERLIN))).isFalse();
            assertThat(calendar.allows(berlinsEve, in(NEW_YORK))).isTrue();
            assertThat(calendar.nextAllowed(berlinsEve, in(NEW_YORK))).contains(berlinsEve);
            assertThat(calendar.nextAllowed(berlinsEve, in(BERLIN))).contains(at("2026-12-25T00:00", BERLIN));
        }

        @Test
        void a_number_in_several_zones_waits_until_the_date_is_over_in_all_of_them() {
            var both = new Recipient(Set.of(NEW_YORK, LOS_ANGELES), null);
            Instant newYorksEve = at("2026-12-24T01:00", NEW_YORK); // 22:00 on the 23rd in Los Angeles
            assertThat(calendar.allows(newYorksEve, both)).isFalse();
            assertThat(calendar.allows(at("2026-12-25T01:00", NEW_YORK), both))
                    .as("still the 24th in Los Angeles")
                    .isFalse();
            assertThat(calendar.nextAllowed(newYorksEve, both)).contains(at("2026-12-25T00:00", LOS_ANGELES));
            assertThat(calendar.closedAt(newYorksEve, both).orElseThrow().detail())
                    .isEqualTo("Eve (2026-12-24) in America/New_York");
        }

        @Test
        void open_in_answers_for_a_zone_set_before_any_recipient_rule() {
            Instant berlinsEve = at("2026-12-24T03:00", BERLIN);
            assertThat(calendar.openIn(berlinsEve, Set.of(NEW_YORK))).isTrue();
            assertThat(calendar.openIn(berlinsEve, Set.of(BERLIN))).isFalse();
            assertThat(calendar.openIn(berlinsEve, Set.of(BERLIN, NEW_YORK))).isFalse();
        }
    }

    @Nested
    class DaysTheClocksChange {
        @Test
        void a_restriction_on_the_day_clocks_fall_back_lasts_its_twenty_five_hours() {
            var calendar =
                    inCampaignZone(window(EVERY_DAY, null, null), List.of(restriction("2025-11-02", "2025-11-02", "")));
            Instant lateThatDay = Instant.parse("2025-11-03T04:30:00Z"); // 23:30 EST on the 2nd
            assertThat(calendar.allows(lateThatDay, in(NEW_YORK))).isFalse();
            assertThat(calendar.nextAllowed(Instant.parse("2025-11-02T04:00:00Z"), in(NEW_YORK)))
                    .contains(Instant.parse("2025-11-03T05:00:00Z"));
        }

        @Test
        void after_a_restriction_a_window_opening_in_the_spring_gap_opens_when_the_clock_jumps() {
            var early = window(EVERY_DAY, "02:30", "05:00");
            var calendar = inCampaignZone(early, List.of(restriction("2026-03-07", "2026-03-07", "")));
            // 2026-03-08 02:00 EST jumps to 03:00 EDT in New York.
            assertThat(calendar.nextAllowed(at("2026-03-07T03:00", NEW_YORK), in(NEW_YORK)))
                    .contains(Instant.parse("2026-03-08T07:00:00Z"));
        }

        @Test
        void auto_pacing_counts_the_open_time_of_a_fall_back_day_once_and_leaves_restricted_days_out() {
            var calendar = inCampaignZone(
                    window(EVERY_DAY, "00:00", "04:00"), List.of(restriction("2025-11-03", "2025-11-03", "")));
            Instant from = at("2025-11-01T00:00", NEW_YORK);
            Instant to = at("2025-11-05T00:00", NEW_YORK);
            // Nov 1: 4h, Nov 2 (an hour repeats): 5h, Nov 3 restricted, Nov 4: 4h.
            assertThat(calendar.openTimeBetween(from, to)).isEqualTo(Duration.ofHours(13));
        }
    }

    @Nested
    class AutoPacing {
        @Test
        void restricted_dates_are_not_open_time_and_overlaps_are_taken_out_once() {
            var calendar = inCampaignZone(
                    NINE_TO_NINE,
                    List.of(
                            restriction("2026-12-24", "2026-12-25", "a"),
                            restriction("2026-12-25", "2026-12-26", "b"),
                            restriction("2026-12-30", "2026-12-30", "c"),
                            restriction("2027-03-01", "2027-03-01", "outside")));
            Instant from = at("2026-12-23T15:00", NEW_YORK);
            Instant to = at("2026-12-31T12:00", NEW_YORK);
            // 23rd: 6h, 27th-29th: 3 x 12h, 31st: 3h.
            assertThat(calendar.openTimeBetween(from, to)).isEqualTo(Duration.ofHours(6 + 36 + 3));
        }

        @Test
        void without_restrictions_it_is_the_windows_open_time() {
            var calendar = inCampaignZone(NINE_TO_NINE, List.of());
            Instant from = at("2026-12-23T15:00", NEW_YORK);
            Instant to = at("2026-12-31T12:00", NEW_YORK);
            assertThat(calendar.openTimeBetween(from, to)).isEqualTo(NINE_TO_NINE.openTimeBetween(from, to, NEW_YORK));
        }
    }

    @Nested
    class RulesByRegion {
        @Test
        void a_rule_narrows_the_campaigns_window_on_the_recipients_clock() {
            var calendar = inCampaignZone(NINE_TO_NINE, List.of(), rule("US-FL", "08:00", "20:00"));
            var miami = in("US-FL", NEW_YORK);
            assertThat(calendar.allows(at("2026-12-01T19:59", NEW_YORK), miami)).isTrue();
            assertThat(calendar.allows(at("2026-12-01T20:30", NEW_YORK), miami)).isFalse();
            assertThat(calendar.allows(at("2026-12-01T20:30", NEW_YORK), in("US-GA", NEW_YORK)))
                    .isTrue();
            var closed =
                    calendar.closedAt(at("2026-12-01T20:30", NEW_YORK), miami).orElseThrow();
            assertThat(closed.cause()).isEqualTo(Closed.Cause.OUTSIDE_RECIPIENT_HOURS);
            assertThat(closed.detail()).isEqualTo("US-FL allows 08:00-20:00 every day recipient time");
            assertThat(closed.until()).isEqualTo(at("2026-12-02T09:00", NEW_YORK));
        }

        @Test
        void a_rule_never_widens_the_campaigns_window() {
            var calendar = inCampaignZone(NINE_TO_NINE, List.of(), rule("US-FL", "07:00", "23:00"));
            var miami = in("US-FL", NEW_YORK);
            assertThat(calendar.allows(at("2026-12-01T08:00", NEW_YORK), miami)).isFalse();
            assertThat(calendar.allows(at("2026-12-01T22:00", NEW_YORK), miami)).isFalse();
            assertThat(calendar.closedAt(at("2026-12-01T22:00", NEW_YORK), miami)
                            .orElseThrow()
                            .cause())
                    .isEqualTo(Closed.Cause.OUTSIDE_HOURS);
        }

        @Test
        void the_rule_reads_the_recipients_clock_while_the_campaign_reads_its_own() {
            // The campaign calls 09:00-21:00 New York time; Florida's panhandle is an hour behind.
            var calendar = inCampaignZone(NINE_TO_NINE, List.of(), rule("US-FL", "08:00", "20:00"));
            var pensacola = in("US-FL", CHICAGO);
            assertThat(calendar.allows(at("2026-12-01T20:30", NEW_YORK), pensacola))
                    .as("19:30 in Pensacola")
                    .isTrue();
            assertThat(calendar.nextAllowed(at("2026-12-01T21:30", CHICAGO), pensacola))
                    .contains(at("2026-12-02T09:00", NEW_YORK));
        }

        @Test
        void a_countrys_rule_applies_to_its_subdivisions_and_not_to_unknown_or_other_regions() {
            var calendar = inCampaignZone(window(EVERY_DAY, null, null), List.of(), rule("us", "08:00", "21:00"));
            Instant late = at("2026-12-01T22:00", NEW_YORK);
            assertThat(calendar.allows(late, in("US-FL", NEW_YORK))).isFalse();
            assertThat(calendar.allows(late, in("US", NEW_YORK))).isFalse();
            assertThat(calendar.allows(late, in("USA", NEW_YORK))).isTrue();
            assertThat(calendar.allows(late, in("GB", NEW_YORK))).isTrue();
            assertThat(calendar.allows(late, in(NEW_YORK))).as("region unknown").isTrue();
        }

        @Test
        void several_rules_that_apply_are_all_honoured() {
            var calendar = inCampaignZone(
                    window(EVERY_DAY, null, null),
                    List.of(),
                    rule("US", "08:00", "21:00"),
                    rule("US-FL", "09:00", "20:00"),
                    rule("US-GA", "10:00", "11:00"));
            var miami = in("US-FL", NEW_YORK);
            assertThat(calendar.allows(at("2026-12-01T08:30", NEW_YORK), miami)).isFalse();
            assertThat(calendar.allows(at("2026-12-01T09:00", NEW_YORK), miami)).isTrue();
            assertThat(calendar.closedAt(at("2026-12-01T20:30", NEW_YORK), miami)
                            .orElseThrow()
                            .detail())
                    .startsWith("US-FL allows 09:00-20:00");
            assertThat(calendar.nextAllowed(at("2026-12-01T20:30", NEW_YORK), miami))
                    .contains(at("2026-12-02T09:00", NEW_YORK));
        }

        @Test
        void a_number_in_several_zones_is_only_called_when_the_rule_allows_in_all_of_them() {
            var calendar = inCampaignZone(window(EVERY_DAY, null, null), List.of(), rule("US", "08:00", "21:00"));
            var coastToCoast = in("US", NEW_YORK, LOS_ANGELES);
            assertThat(calendar.allows(at("2026-12-01T10:00", NEW_YORK), coastToCoast))
                    .as("07:00 in Los Angeles")
                    .isFalse();
            assertThat(calendar.nextAllowed(at("2026-12-01T10:00", NEW_YORK), coastToCoast))
                    .contains(at("2026-12-01T11:00", NEW_YORK));
        }

        @Test
        void rules_that_never_overlap_the_window_answer_never_without_searching_three_years() {
            var calendar = inCampaignZone(window(WEEKDAYS, "09:00", "12:00"), List.of(), rule("US", "13:00", "17:00"));
            var recipient = in("US", NEW_YORK);
            long start = System.nanoTime();
            assertThat(calendar.nextAllowed(at("2026-12-01T10:00", NEW_YORK), recipient))
                    .isEmpty();
            var closed = calendar.closedAt(at("2026-12-01T10:00", NEW_YORK), recipient)
                    .orElseThrow();
            assertThat(closed.cause()).isEqualTo(Closed.Cause.OUTSIDE_RECIPIENT_HOURS);
            assertThat(closed.until()).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        }

        @Test
        void closed_to_the_recipient_leaves_the_campaigns_hours_to_the_dispatcher() {
            var calendar = inCampaignZone(NINE_TO_NINE, List.of(CHRISTMAS), rule("US-FL", "08:00", "20:00"));
            var miami = in("US-FL", NEW_YORK);
            Instant justAfterClosing = at("2026-12-01T21:00:00.005", NEW_YORK);
            assertThat(calendar.closedToRecipientAt(justAfterClosing, miami)
                            .orElseThrow()
                            .cause())
                    .isEqualTo(Closed.Cause.OUTSIDE_RECIPIENT_HOURS);
            assertThat(calendar.closedToRecipientAt(justAfterClosing, in("US-GA", NEW_YORK)))
                    .isEmpty();
            assertThat(calendar.closedToRecipientAt(at("2026-12-24T10:00", NEW_YORK), in("US-GA", NEW_YORK))
                            .orElseThrow()
                            .cause())
                    .isEqualTo(Closed.Cause.RESTRICTED_DATE);
        }

        @Test
        void judges_recipients_only_with_rules_or_recipient_hours() {
            assertThat(inCampaignZone(NINE_TO_NINE, List.of(CHRISTMAS)).judgesRecipients())
                    .isFalse();
            assertThat(inRecipientZones(NINE_TO_NINE, List.of()).judgesRecipients())
                    .isTrue();
            assertThat(inCampaignZone(NINE_TO_NINE, List.of(), rule("US", "08:00", "21:00"))
                            .judgesRecipients())
                    .isTrue();
        }
    }

    @Nested
    class Openings {
        @Test
        void an_opening_says_which_restriction_pushed_it_past_the_windows_own() {
            var calendar = inCampaignZone(NINE_TO_NINE, List.of(CHRISTMAS), rule("US-FL", "08:00", "20:00"));
            var opening = calendar.opening(at("2026-12-24T10:00", NEW_YORK), in("US-FL", NEW_YORK))
                    .orElseThrow();
            assertThat(opening.at()).isEqualTo(at("2026-12-27T09:00", NEW_YORK));
            assertThat(opening.delayedBy()).isEqualTo(Closed.Cause.RESTRICTED_DATE);
            assertThat(opening.detail()).isEqualTo("Christmas (2026-12-24 to 2026-12-26)");
        }

        @Test
        void an_opening_after_the_recipients_hours_says_so() {
            var calendar = inCampaignZone(NINE_TO_NINE, List.of(), rule("US-FL", "08:00", "20:00"));
            var opening = calendar.opening(at("2026-12-01T20:10", NEW_YORK), in("US-FL", NEW_YORK))
                    .orElseThrow();
            assertThat(opening.at()).isEqualTo(at("2026-12-02T09:00", NEW_YORK));
            assertThat(opening.delayedBy()).isEqualTo(Closed.Cause.OUTSIDE_RECIPIENT_HOURS);
        }

        @Test
        void an_opening_delayed_by_the_campaigns_window_alone_says_nothing() {
            var calendar = inCampaignZone(NINE_TO_NINE, List.of(CHRISTMAS), rule("US-FL", "08:00", "20:00"));
            var opening = calendar.opening(at("2026-12-01T21:10", NEW_YORK), in("US-FL", NEW_YORK))
                    .orElseThrow();
            assertThat(opening.at()).isEqualTo(at("2026-12-02T09:00", NEW_YORK));
            assertThat(opening.delayedBy()).isNull();
            assertThat(calendar.opening(at("2026-12-01T12:00", NEW_YORK), in("US-FL", NEW_YORK))
                            .orElseThrow())
                    .isEqualTo(new Opening(at("2026-12-01T12:00", NEW_YORK), null, null));
        }
    }
}
