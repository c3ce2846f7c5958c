package dev.outbound.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.calendar.CallingWindow;
import dev.outbound.calendar.Recipient;
import dev.outbound.calendar.RecipientRules;
import dev.outbound.calendar.RestrictedDate;
import dev.outbound.calendar.RestrictedDates;
import dev.outbound.campaign.MachineOutcome;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.dispatch.RetryPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The forecast's simulation on its own, no Spring: each rule it runs forward, one at a time. */
class SimulationTest {
    /** Monday 2026-11-30 12:00 UTC. */
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-30T12:00:00Z");

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final CallingWindow WEEKDAYS_9_TO_5 = new CallingWindow(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));
    private static final Recipient HERE = new Recipient(Set.of(UTC), null);
    private static final OutcomeMix ALL_REACHED =
            new OutcomeMix(Map.of(ChannelManagerStatus.COMPLETED, 1.0), Duration.ZERO, OutcomeMix.Source.BATCH, 100);
    private static final RetryPolicy NO_RETRIES = new RetryPolicy(0, Duration.ofHours(1));

    @Test
    void work_is_spread_over_the_open_hours_and_the_closed_ones_are_skipped() {
        Projection p = Simulation.run(plan(100, 10, calendar(RestrictedDates.NONE)));

        assertThat(p.firstAttempt()).isEqualTo(MONDAY_NOON);
        assertThat(p.byDay()).containsOnlyKeys(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01"));
        assertThat(p.byDay().get(LocalDate.parse("2026-11-30"))).isCloseTo(50, within(0.5));
        assertThat(p.finish()).isBetween(at("2026-12-01T13:50:00Z"), at("2026-12-01T14:00:00Z"));
        assertThat(p.attempts()).isCloseTo(100, within(1e-6));
        assertThat(p.expireUnattempted()).isZero();
    }

    @Test
    void nothing_is_planned_on_a_restricted_date_and_the_work_moves_to_the_day_after() {
        var tuesday = new RestrictedDate(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01"), "Closed");

        Projection p = Simulation.run(plan(100, 10, calendar(new RestrictedDates(List.of(tuesday)))));

        assertThat(p.byDay()).doesNotContainKey(LocalDate.parse("2026-12-01"));
        assertThat(p.byDay().get(LocalDate.parse("2026-12-02"))).isCloseTo(50, within(0.5));
        assertThat(p.finish()).isBetween(at("2026-12-02T13:50:00Z"), at("2026-12-02T14:00:00Z"));
    }

    @Test
    void a_daily_cap_spreads_the_work_over_more_days_counting_what_was_made_today() {
        var plan = plan(100, 100, calendar(RestrictedDates.NONE));
        plan = withCap(plan, 30, 10);

        Projection p = Simulation.run(plan);

        assertThat(p.byDay().values().stream().map(Math::round)).containsExactly(20L, 30L, 30L, 20L);
    }

    @Test
    void capacity_bounds_the_pace_by_the_mean_attempt_length() {
        var sixMinutes = new OutcomeMix(
                Map.of(ChannelManagerStatus.COMPLETED, 1.0), Duration.ofMinutes(6), OutcomeMix.Source.BATCH, 10);
        var plan = new Plan(
                MONDAY_NOON,
                calendar(RestrictedDates.NONE),
                UTC,
                List.of(Cohort.at(HERE, 0, MONDAY_NOON, 40)),
                Pace.fixed(100),
                null,
                0,
                1,
                sixMinutes,
                NO_RETRIES,
                null,
                Duration.ofMinutes(1));

        Projection p = Simulation.run(plan);

        assertThat(p.byDay().get(LocalDate.parse("2026-11-30")))
                .as("one call of six minutes at a time: 10 an hour for 5 hours")
                .isCloseTo(40, within(0.5));
        assertThat(p.finish()).isBetween(at("2026-11-30T15:50:00Z"), at("2026-11-30T16:06:00Z"));
    }

    @Test
    void outcomes_not_reached_come_back_as_retries_by_their_rule() {
        var half = new OutcomeMix(
                Map.of(ChannelManagerStatus.COMPLETED, 0.5, ChannelManagerStatus.BUSY, 0.5),
                Duration.ZERO,
                OutcomeMix.Source.BATCH,
                10);
        var retries = new RetryPolicy(
                0,
                Duration.ofHours(1),
                Map.of(ChannelManagerStatus.BUSY, new RetryPolicy.Rule(2, Duration.ofDays(1))),
                MachineOutcome.RETRY);
        var plan = new Plan(
                MONDAY_NOON,
                calendar(RestrictedDates.NONE),
                UTC,
                List.of(Cohort.at(HERE, 0, MONDAY_NOON, 40)),
                Pace.fixed(3600),
                null,
                0,
                null,
                half,
                retries,
                null,
                Duration.ofMinutes(1));

        Projection p = Simulation.run(plan);

        assertThat(p.attempts()).as("40 + 20 + 10").isCloseTo(70, within(1e-6));
        assertThat(p.byDay().values().stream().map(Math::round)).containsExactly(40L, 20L, 10L);
        assertThat(p.finish()).isBetween(at("2026-12-02T12:00:00Z"), at("2026-12-02T12:01:00Z"));
    }

    @Test
    void what_cannot_be_attempted_before_the_batch_expires_is_counted_and_the_batch_ends_then() {
        var plan = plan(100, 10, calendar(RestrictedDates.NONE));
        plan = new Plan(
                plan.now(),
                plan.calendar(),
                UTC,
                plan.waiting(),
                plan.pace(),
                null,
                0,
                null,
                plan.mix(),
                plan.retries(),
                at("2026-11-30T15:00:00Z"),
                plan.step());

        Projection p = Simulation.run(plan);

        assertThat(p.attempts()).isCloseTo(30, within(0.01));
        assertThat(p.expireUnattempted()).isCloseTo(70, within(0.01));
        assertThat(p.finish()).isEqualTo(at("2026-11-30T15:00:00Z"));
    }

    @Test
    void in_recipient_hours_each_zone_is_dialled_in_its_own_window() {
        var calendar = new AttemptCalendar(WEEKDAYS_9_TO_5, true, UTC, RestrictedDates.NONE, RecipientRules.NONE);
        var tokyo = new Recipient(Set.of(ZoneId.of("Asia/Tokyo")), null);
        var plan = new Plan(
                MONDAY_NOON,
                calendar,
                UTC,
                List.of(Cohort.at(HERE, 0, MONDAY_NOON, 10), Cohort.at(tokyo, 0, MONDAY_NOON, 10)),
                Pace.fixed(3600),
                null,
                0,
                null,
                ALL_REACHED,
                NO_RETRIES,
                null,
                Duration.ofMinutes(1));

        Projection p = Simulation.run(plan);

        assertThat(p.firstAttempt()).isEqualTo(MONDAY_NOON);
        assertThat(p.finish()).as("Tokyo opens at 09:00 JST Tuesday, 00:00 UTC").isEqualTo(at("2026-12-01T00:00:00Z"));
    }

    @Test
    void retries_and_callbacks_already_scheduled_are_planned_at_their_due_time() {
        var plan = new Plan(
                MONDAY_NOON,
                calendar(RestrictedDates.NONE),
                UTC,
                List.of(Cohort.at(HERE, 1, at("2026-12-03T10:30:00Z"), 5)),
                Pace.fixed(3600),
                null,
                0,
                null,
                ALL_REACHED,
                NO_RETRIES,
                null,
                Duration.ofMinutes(1));

        Projection p = Simulation.run(plan);

        assertThat(p.firstAttempt()).isEqualTo(at("2026-12-03T10:30:00Z"));
        assertThat(p.expireUnattempted()).as("not a first attempt").isZero();
    }

    private static Plan plan(double requests, double perHour, AttemptCalendar calendar) {
        return new Plan(
                MONDAY_NOON,
                calendar,
                UTC,
                List.of(Cohort.at(HERE, 0, MONDAY_NOON.minusSeconds(60), requests)),
                Pace.fixed(perHour),
                null,
                0,
                null,
                ALL_REACHED,
                NO_RETRIES,
                null,
                Duration.ofMinutes(1));
    }

    private static Plan withCap(Plan p, int cap, long madeToday) {
        return new Plan(
                p.now(),
                p.calendar(),
                p.campaignZone(),
                p.waiting(),
                p.pace(),
                cap,
                madeToday,
                p.maxConcurrent(),
                p.mix(),
                p.retries(),
                p.expiresOn(),
                p.step());
    }

    private static AttemptCalendar calendar(RestrictedDates restricted) {
        return new AttemptCalendar(WEEKDAYS_9_TO_5, false, UTC, restricted, RecipientRules.NONE);
    }

    private static Instant at(String s) {
        return Instant.parse(s);
    }
}
