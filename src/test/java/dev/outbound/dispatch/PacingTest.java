package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacingTest {

    @Test
    void the_interval_is_an_hour_divided_by_the_rate() {
        assertThat(Pacing.interval(1)).isEqualTo(Duration.ofHours(1));
        assertThat(Pacing.interval(60)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Pacing.interval(3600)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Pacing.interval(2.5)).isEqualTo(Duration.ofMinutes(24));
    }

    @Test
    void the_interval_keeps_nanosecond_precision() {
        // 3600 s / 7 = 514.285714285714... s
        assertThat(Pacing.interval(7)).isEqualTo(Duration.ofNanos(514_285_714_286L));
    }

    @Test
    void the_interval_of_a_rate_out_of_bounds_is_that_of_the_nearest_bound() {
        assertThat(Pacing.interval(0)).isEqualTo(Duration.ofHours(1));
        assertThat(Pacing.interval(-5)).isEqualTo(Duration.ofHours(1));
        assertThat(Pacing.interval(10_000)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Pacing.interval(Double.POSITIVE_INFINITY)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a_rate_that_is_not_a_number_is_refused() {
        assertThatThrownBy(() -> Pacing.interval(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pacing.clampToBaseline(Double.NaN, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_batch_call_rate_wins_over_the_campaign_hourly_rate() {
        assertThat(Pacing.effectiveRate(40, 25)).isEqualTo(40);
    }

    @Test
    void without_a_call_rate_the_batch_inherits_the_campaign_hourly_rate() {
        assertThat(Pacing.effectiveRate(null, 25)).isEqualTo(25);
    }

    @Test
    void effective_rates_are_clamped_to_the_contract_bounds() {
        assertThat(Pacing.effectiveRate(0, 25)).isEqualTo(Pacing.MIN_RATE);
        assertThat(Pacing.effectiveRate(null, 5000)).isEqualTo(Pacing.MAX_RATE);
    }

    @Test
    void the_auto_rate_spreads_the_remaining_work_over_the_open_time_left() {
        assertThat(Pacing.autoRate(1000, Duration.ofHours(10))).isEqualTo(100);
        assertThat(Pacing.autoRate(90, Duration.ofMinutes(90))).isEqualTo(60);
        assertThat(Pacing.autoRate(10, Duration.ofHours(4))).isEqualTo(2.5);
        assertThat(Pacing.autoRate(1, Duration.ofSeconds(7))).isCloseTo(3600.0 / 7, within(1e-9));
    }

    @Test
    void the_auto_rate_stays_within_the_contract_bounds() {
        assertThat(Pacing.autoRate(5, Duration.ofHours(10))).isEqualTo(Pacing.MIN_RATE);
        assertThat(Pacing.autoRate(1_000_000, Duration.ofHours(1))).isEqualTo(Pacing.MAX_RATE);
        assertThat(Pacing.autoRate(1, Duration.ofDays(365 * 1000))).isEqualTo(Pacing.MIN_RATE);
    }

    @Test
    void with_no_open_time_left_the_auto_rate_is_the_maximum() {
        assertThat(Pacing.autoRate(10, Duration.ZERO)).isEqualTo(Pacing.MAX_RATE);
        assertThat(Pacing.autoRate(10, Duration.ofMinutes(-5))).isEqualTo(Pacing.MAX_RATE);
    }

    @Test
    void with_nothing_left_to_dial_the_auto_rate_is_the_minimum() {
        assertThat(Pacing.autoRate(0, Duration.ofHours(3))).isEqualTo(Pacing.MIN_RATE);
        assertThat(Pacing.autoRate(0, Duration.ZERO)).isEqualTo(Pacing.MIN_RATE);
    }

    @Test
    void later_rates_are_held_within_twenty_percent_of_the_baseline() {
        assertThat(Pacing.clampToBaseline(150, 100)).isCloseTo(120, within(1e-9));
        assertThat(Pacing.clampToBaseline(50, 100)).isCloseTo(80, within(1e-9));
        assertThat(Pacing.clampToBaseline(110, 100)).isEqualTo(110);
        assertThat(Pacing.clampToBaseline(120, 100)).isCloseTo(120, within(1e-9));
    }

    @Test
    void the_baseline_band_is_still_clamped_to_the_contract_bounds() {
        assertThat(Pacing.clampToBaseline(4000, 3600)).isEqualTo(Pacing.MAX_RATE);
        assertThat(Pacing.clampToBaseline(0.5, 1)).isEqualTo(Pacing.MIN_RATE);
    }

    @Test
    void a_baseline_that_is_not_positive_is_refused() {
        assertThatThrownBy(() -> Pacing.clampToBaseline(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pacing.clampToBaseline(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
