package dev.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DailyCapTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void the_day_is_the_campaigns_local_day_not_the_utc_day() {
        Instant lateEveningInNewYork = Instant.parse("2025-06-03T02:00:00Z");
        assertThat(DailyCap.campaignDay(lateEveningInNewYork, NEW_YORK)).isEqualTo(LocalDate.of(2025, 6, 2));
        assertThat(DailyCap.campaignDay(lateEveningInNewYork, TOKYO)).isEqualTo(LocalDate.of(2025, 6, 3));
    }

    @Test
    void the_day_changes_exactly_at_local_midnight() {
        Instant midnight = Instant.parse("2025-06-03T04:00:00Z");
        assertThat(DailyCap.campaignDay(midnight.minusNanos(1), NEW_YORK)).isEqualTo(LocalDate.of(2025, 6, 2));
        assertThat(DailyCap.campaignDay(midnight, NEW_YORK)).isEqualTo(LocalDate.of(2025, 6, 3));
    }

    @Test
    void the_next_day_starts_at_the_next_local_midnight() {
        assertThat(DailyCap.nextDayStarts(Instant.parse("2025-06-02T15:00:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2025-06-03T04:00:00Z"));
    }

    @Test
    void the_next_day_starts_at_local_midnight_across_clock_changes() {
        // Midnight of the spring-forward day is still EST; midnight after fall back is EST again.
        assertThat(DailyCap.nextDayStarts(Instant.parse("2025-03-08T15:00:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2025-03-09T05:00:00Z"));
        assertThat(DailyCap.nextDayStarts(Instant.parse("2025-03-09T15:00:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2025-03-10T04:00:00Z"));
        assertThat(DailyCap.nextDayStarts(Instant.parse("2025-11-02T15:00:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2025-11-03T05:00:00Z"));
    }
}
