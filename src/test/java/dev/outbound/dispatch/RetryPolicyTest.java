package dev.outbound.dispatch;

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
                RetryRules.NONE);
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
}
