package dev.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CampaignValuesTest {

    @Test
    void times_are_read_with_or_without_seconds_and_written_with_them() {
        assertThat(CampaignValues.parseTime("09:00")).isEqualTo(LocalTime.of(9, 0));
        assertThat(CampaignValues.parseTime("17:30:15")).isEqualTo(LocalTime.of(17, 30, 15));
        assertThat(CampaignValues.formatTime(LocalTime.of(9, 0))).isEqualTo("09:00:00");
    }

    @Test
    void malformed_times_are_refused() {
        assertThat(CampaignValues.parseTime("9:00")).isNull();
        assertThat(CampaignValues.parseTime("24:00")).isNull();
        assertThat(CampaignValues.parseTime("12:60")).isNull();
        assertThat(CampaignValues.parseTime("noon")).isNull();
        assertThat(CampaignValues.parseTime("09:00:00.5")).isNull();
    }

    @Test
    void retry_intervals_take_seconds_minutes_hours_and_days() {
        assertThat(CampaignValues.parseRetryInterval("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(CampaignValues.parseRetryInterval("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(CampaignValues.parseRetryInterval("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(CampaignValues.parseRetryInterval("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(CampaignValues.parseRetryInterval("2H")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void retry_intervals_must_be_a_positive_whole_number_with_a_unit() {
        assertThat(CampaignValues.parseRetryInterval("0m")).isNull();
        assertThat(CampaignValues.parseRetryInterval("30")).isNull();
        assertThat(CampaignValues.parseRetryInterval("-5m")).isNull();
        assertThat(CampaignValues.parseRetryInterval("1.5h")).isNull();
        assertThat(CampaignValues.parseRetryInterval("3w")).isNull();
        assertThat(CampaignValues.parseRetryInterval("9999999d")).isNull();
    }

    @Test
    void a_secret_of_32_to_512_bytes_in_padded_standard_base64_is_accepted() {
        byte[] key = new byte[32];
        key[0] = 7;
        assertThat(CampaignValues.decodeSecret(Base64.getEncoder().encodeToString(key)))
                .isEqualTo(key);
        assertThat(CampaignValues.decodeSecret(Base64.getEncoder().encodeToString(new byte[512])))
                .hasSize(512);
    }

    @Test
    void secrets_that_are_too_short_too_long_or_not_standard_base64_are_refused() {
        String short31 = Base64.getEncoder().encodeToString(new byte[31]);
        String long513 = Base64.getEncoder().encodeToString(new byte[513]);
        String urlSafe =
                Base64.getUrlEncoder().encodeToString(new byte[] {-1, -2, -3}).repeat(11);
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(new byte[40]);
        assertThatThrownBy(() -> CampaignValues.decodeSecret(short31)).hasMessageContaining("32 to 512 bytes");
        assertThatThrownBy(() -> CampaignValues.decodeSecret(long513)).hasMessageContaining("32 to 512 bytes");
        assertThatThrownBy(() -> CampaignValues.decodeSecret(urlSafe)).hasMessageContaining("Base64");
        assertThatThrownBy(() -> CampaignValues.decodeSecret(unpadded)).hasMessageContaining("padding");
        assertThatThrownBy(() ->
                        CampaignValues.decodeSecret(" " + Base64.getEncoder().encodeToString(new byte[32])))
                .hasMessageContaining("Base64");
    }

    @Test
    void days_are_the_three_letter_lower_case_names() {
        assertThat(CampaignValues.day(DayOfWeek.WEDNESDAY)).isEqualTo("wed");
        assertThat(CampaignValues.parseDay("SUN")).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(CampaignValues.parseDay("sunday")).isNull();
    }
}
