package dev.outbound.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ContactRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ContactLimit SEVEN_IN_SEVEN = new ContactLimit(7, 7, null);

    private static ContactHistory history(@Nullable Instant conversation, Instant... attempts) {
        return new ContactHistory(new ArrayList<>(Arrays.asList(attempts)), conversation);
    }

    private static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMinutes((long) (days * 24 * 60)));
    }

    @Test
    void a_person_below_the_limit_may_be_attempted() {
        var h = history(null, daysAgo(1), daysAgo(2), daysAgo(3), daysAgo(4), daysAgo(5), daysAgo(6));
        assertThat(ContactRules.check(List.of(SEVEN_IN_SEVEN), h, NOW)).isEmpty();
    }

    @Test
    void the_seventh_attempt_in_seven_days_holds_the_eighth_until_the_oldest_leaves_the_window() {
        var h = history(null, daysAgo(0.5), daysAgo(1), daysAgo(2), daysAgo(3), daysAgo(4), daysAgo(5), daysAgo(6.5));
        var held = ContactRules.check(List.of(SEVEN_IN_SEVEN), h, NOW).orElseThrow();
        assertThat(held.until()).isEqualTo(daysAgo(6.5).plus(Duration.ofDays(7)));
        assertThat(held.cause()).isEqualTo(ContactRules.Cause.ATTEMPTS);
        assertThat(held.detail())
                .isEqualTo("7 attempts in 7 days; next allowed 2026-12-01T12:00:00Z"
                        .replace(
                                "2026-12-01T12:00:00Z",
                                daysAgo(6.5).plus(Duration.ofDays(7)).toString()));
    }

    @Test
    void attempts_older_than_the_window_do_not_count() {
        var h = history(
                null, daysAgo(7.01), daysAgo(8), daysAgo(9), daysAgo(10), daysAgo(11), daysAgo(12), daysAgo(13));
        assertThat(ContactRules.check(List.of(SEVEN_IN_SEVEN), h, NOW)).isEmpty();
    }

    @Test
    void with_more_attempts_than_allowed_the_wait_is_until_enough_have_left_the_window() {
        var h = history(null, daysAgo(1), daysAgo(2), daysAgo(3));
        var held = ContactRules.check(List.of(new ContactLimit(2, 7, null)), h, NOW)
                .orElseThrow();
        // Three in the window, two allowed: two must leave before a third is allowed again.
        assertThat(held.until()).isEqualTo(daysAgo(2).plus(Duration.ofDays(7)));
    }

    @Test
    void a_conversation_holds_the_person_for_the_quiet_period() {
        var h = history(daysAgo(1));
        var held = ContactRules.check(List.of(new ContactLimit(null, null, 3)), h, NOW)
                .orElseThrow();
        assertThat(held.cause()).isEqualTo(ContactRules.Cause.CONVERSATION);
        assertThat(held.until()).isEqualTo(daysAgo(1).plus(Duration.ofDays(3)));
        assertThat(ContactRules.check(List.of(new ContactLimit(null, null, 3)), history(daysAgo(3.01)), NOW))
                .isEmpty();
    }

    @Test
    void of_a_campaign_limit_and_an_organization_limit_the_one_that_holds_longest_decides() {
        var h = history(null, daysAgo(0.1), daysAgo(0.2), daysAgo(5));
        var campaign = new ContactLimit(2, 1, null); // held until 0.2 days ago + 1 day
        var organization = new ContactLimit(3, 7, null); // held until 5 days ago + 7 days
        var held = ContactRules.check(List.of(campaign, organization), h, NOW).orElseThrow();
        assertThat(held.until()).isEqualTo(daysAgo(5).plus(Duration.ofDays(7)));
        assertThat(ContactRules.check(List.of(campaign, ContactLimit.NONE), h, NOW)
                        .orElseThrow()
                        .until())
                .isEqualTo(daysAgo(0.2).plus(Duration.ofDays(1)));
    }

    @Test
    void an_attempt_count_without_its_window_limits_nothing() {
        var h = history(null, daysAgo(0.1), daysAgo(0.2));
        assertThat(ContactRules.check(List.of(new ContactLimit(1, null, null)), h, NOW))
                .isEmpty();
    }
}
