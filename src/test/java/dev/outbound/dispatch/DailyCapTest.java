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
}
