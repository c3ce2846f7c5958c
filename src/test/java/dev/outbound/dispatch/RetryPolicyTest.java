package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.calendar.CallingWindow;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.DuplicateTargets;
import dev.outbound.campaign.HoursIn;
import dev.outbound.campaign.MachineOutcome;
import dev.outbound.campaign.RetryRule;
import dev.outbound.campaign.RetryRules;
import dev.outbound.campaign.Targeting;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.channel.Mode;
import dev.outbound.contact.ContactLimit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Set<ZoneId> ZONES = Set.of(NEW_YORK);
    static final CallingWindow OFFICE = new CallingWindow(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));

    /** Two retries, half an hour apart. */
    static final RetryPolicy TWO_RETRIES = new RetryPolicy(2, Duration.ofMinutes(30));

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(NEW_YORK).toInstant();
    }

    static CampaignRules rules(int retryCount, @Nullable Duration retryInterval) {
        return new CampaignRules(
                1,
                2,
                Mode.VOICE,
                NEW_YORK,
                HoursIn.CAMPAIGN,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0),
                LocalTime.of(17, 0),
                25,
                null,
                retryCount,
                retryInterval,
                Targeting.NONE,
                ContactLimit.NONE,
                DuplicateTargets.ALLOW,
                RetryRules.NONE,
                dev.outbound.calendar.RestrictedDates.NONE,
                null);
    }

    @Test
    void a_retry_comes_one_interval_after_the_last_attempt_ended() {
        assertThat(TWO_RETRIES.nextAttempt(1, at("2025-06-02T10:00"), null, OFFICE, ZONES))
                .contains(at("2025-06-02T10:30"));
    }

    @Test
    void a_request_gets_one_attempt_plus_the_retry_count() {
        Instant ended = at("2025-06-02T10:00");
        assertThat(TWO_RETRIES.nextAttempt(2, ended, null, OFFICE, ZONES)).isPresent();
        assertThat(TWO_RETRIES.nextAttempt(3, ended, null, OFFICE, ZONES)).isEmpty();
        assertThat(TWO_RETRIES.hasRetriesLeft(2)).isTrue();
        assertThat(TWO_RETRIES.hasRetriesLeft(3)).isFalse();
    }

    @Test
    void without_retries_there_is_no_second_attempt() {
        RetryPolicy none = RetryPolicy.of(rules(0, Duration.ofMinutes(30)));
        assertThat(none.nextAttempt(1, at("2025-06-02T10:00"), null, OFFICE, ZONES))
                .isEmpty();
    }

    @Test
    void a_retry_due_outside_the_hours_moves_to_the_next_opening() {
        assertThat(TWO_RETRIES.nextAttempt(1, at("2025-06-02T16:45"), null, OFFICE, ZONES))
                .contains(at("2025-06-03T09:00"));
        // Friday afternoon: Monday morning.
        assertThat(TWO_RETRIES.nextAttempt(1, at("2025-06-06T16:45"), null, OFFICE, ZONES))
                .contains(at("2025-06-09T09:00"));
    }

    @Test
    void a_retry_due_at_the_very_end_of_the_hours_waits_for_the_next_opening() {
        assertThat(TWO_RETRIES.nextAttempt(1, at("2025-06-02T16:30"), null, OFFICE, ZONES))
                .contains(at("2025-06-03T09:00"));
    }

    @Test
    void a_retry_is_never_at_or_after_the_batch_expires() {
        Instant ended = at("2025-06-06T16:45");
        assertThat(TWO_RETRIES.nextAttempt(1, ended, at("2025-06-09T09:00"), OFFICE, ZONES))
                .isEmpty();
        assertThat(TWO_RETRIES.nextAttempt(1, ended, at("2025-06-08T12:00"), OFFICE, ZONES))
                .isEmpty();
        assertThat(TWO_RETRIES.nextAttempt(1, ended, at("2025-06-09T09:00").plusNanos(1), OFFICE, ZONES))
                .contains(at("2025-06-09T09:00"));
    }

    @Test
    void a_retry_in_several_zones_waits_until_all_are_open() {
        Set<ZoneId> coasts = Set.of(NEW_YORK, ZoneId.of("America/Los_Angeles"));
        assertThat(TWO_RETRIES.nextAttempt(1, at("2025-06-02T09:00"), null, OFFICE, coasts))
                .contains(at("2025-06-02T12:00"));
    }

    @Test
    void a_window_that_never_opens_allows_no_retry() {
        CallingWindow never = new CallingWindow(Set.of(), null, null);
        assertThat(TWO_RETRIES.nextAttempt(1, at("2025-06-02T10:00"), null, never, ZONES))
                .isEmpty();
    }

    @Test
    void without_a_retry_interval_the_default_is_one_hour() {
        RetryPolicy policy = RetryPolicy.of(rules(1, null));
        assertThat(policy.retryInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.nextAttempt(1, at("2025-06-02T10:00"), null, OFFICE, ZONES))
                .contains(at("2025-06-02T11:00"));
    }

    @Test
    void the_policy_takes_count_and_interval_from_the_campaign() {
        assertThat(RetryPolicy.of(rules(3, Duration.ofHours(12)))).isEqualTo(new RetryPolicy(3, Duration.ofHours(12)));
    }

    @Test
    void nonsense_counts_and_intervals_are_refused() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TWO_RETRIES.hasRetriesLeft(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    static CampaignRules rulesByOutcome(Map<ChannelManagerStatus, RetryRule> byStatus, MachineOutcome machine) {
        CampaignRules base = rules(2, Duration.ofMinutes(30));
        return new CampaignRules(
                base.id(),
                base.organizationId(),
                base.mode(),
                base.timezone(),
                base.hoursIn(),
                base.activeDays(),
                base.dailyStart(),
                base.dailyEnd(),
                base.hourlyRate(),
                base.maxDailyCalls(),
                base.retryCount(),
                base.retryInterval(),
                base.targeting(),
                base.contactLimit(),
                base.duplicateTargets(),
                new RetryRules(byStatus, machine),
                base.restrictedDates(),
                base.maxConcurrent());
    }

    /** BUSY: 3 retries 10 minutes apart; NO-ANSWER: 1 retry at the campaign's 30 minutes; MACHINE: none. */
    static final RetryPolicy BY_OUTCOME = RetryPolicy.of(rulesByOutcome(
            Map.of(
                    ChannelManagerStatus.BUSY, new RetryRule(3, "10m"),
                    ChannelManagerStatus.NO_ANSWER, new RetryRule(1, null),
                    ChannelManagerStatus.MACHINE, new RetryRule(0, "1d")),
            MachineOutcome.RETRY));

    @Test
    void an_outcome_with_a_rule_is_retried_by_its_count_and_interval() {
        Instant ended = at("2025-06-02T10:00");
        assertThat(BY_OUTCOME.nextAttempt(ChannelManagerStatus.BUSY, 1, ended, null, OFFICE, ZONES))
                .contains(at("2025-06-02T10:10"));
        assertThat(BY_OUTCOME.nextAttempt(ChannelManagerStatus.BUSY, 3, ended, null, OFFICE, ZONES))
                .isPresent();
        assertThat(BY_OUTCOME.nextAttempt(ChannelManagerStatus.BUSY, 4, ended, null, OFFICE, ZONES))
                .isEmpty();
    }

    @Test
    void a_rule_without_an_interval_takes_the_campaigns() {
        Instant ended = at("2025-06-02T10:00");
        assertThat(BY_OUTCOME.nextAttempt(ChannelManagerStatus.NO_ANSWER, 1, ended, null, OFFICE, ZONES))
                .contains(at("2025-06-02T10:30"));
        assertThat(BY_OUTCOME.hasRetriesLeft(ChannelManagerStatus.NO_ANSWER, 2)).isFalse();
    }

    @Test
    void a_count_of_zero_never_retries_that_outcome() {
        assertThat(BY_OUTCOME.nextAttempt(ChannelManagerStatus.MACHINE, 1, at("2025-06-02T10:00"), null, OFFICE, ZONES))
                .isEmpty();
    }

    @Test
    void an_outcome_without_a_rule_uses_the_retry_count_and_interval() {
        Instant ended = at("2025-06-02T10:00");
        assertThat(BY_OUTCOME.nextAttempt(ChannelManagerStatus.FAILED, 1, ended, null, OFFICE, ZONES))
                .contains(at("2025-06-02T10:30"));
        assertThat(BY_OUTCOME.hasRetriesLeft(ChannelManagerStatus.FAILED, 2)).isTrue();
        assertThat(BY_OUTCOME.hasRetriesLeft(ChannelManagerStatus.FAILED, 3)).isFalse();
    }

    @Test
    void a_rules_retry_still_waits_for_the_window_and_never_reaches_the_expiry() {
        assertThat(BY_OUTCOME.nextAttempt(ChannelManagerStatus.BUSY, 1, at("2025-06-02T16:55"), null, OFFICE, ZONES))
                .contains(at("2025-06-03T09:00"));
        assertThat(BY_OUTCOME.nextAttempt(
                        ChannelManagerStatus.BUSY, 1, at("2025-06-02T10:00"), at("2025-06-02T10:10"), OFFICE, ZONES))
                .isEmpty();
    }

    @Test
    void only_machine_outcome_complete_completes_and_only_a_machine() {
        var completing = RetryPolicy.of(rulesByOutcome(Map.of(), MachineOutcome.COMPLETE));
        assertThat(completing.completes(ChannelManagerStatus.MACHINE)).isTrue();
        assertThat(completing.completes(ChannelManagerStatus.BUSY)).isFalse();
        assertThat(BY_OUTCOME.completes(ChannelManagerStatus.MACHINE)).isFalse();
    }

    @Test
    void the_statuses_a_rule_may_name_are_exactly_those_the_dispatcher_retries_after() {
        for (ChannelManagerStatus s : ChannelManagerStatus.values()) {
            assertThat(RetryRules.RETRYABLE.contains(s))
                    .as(s.wire())
                    .isEqualTo(Outcome.of(s, true) == Outcome.NOT_REACHED);
        }
    }

    @Test
    void a_rule_for_a_status_that_is_never_retried_is_refused() {
        assertThatThrownBy(() -> new RetryRules(
                        Map.of(ChannelManagerStatus.HUMAN, new RetryRule(1, null)), MachineOutcome.RETRY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryRule(-1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryRule(1, "soon")).isInstanceOf(IllegalArgumentException.class);
    }
}
