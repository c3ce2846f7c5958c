package dev.outbound.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.campaign.Mode;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private final Targets targets = new Targets("US");

    @Test
    void normalises_national_and_formatted_numbers_to_e164_in_the_default_region() {
        assertThat(targets.normalize("512-555-1234", Mode.VOICE)).isEqualTo(new Target("+15125551234", true));
        assertThat(targets.normalize(" (512) 555-1234 ", Mode.SMS)).isEqualTo(new Target("+15125551234", true));
        assertThat(targets.normalize("+44 20 7183 8750", Mode.VOICE)).isEqualTo(new Target("+442071838750", true));
    }

    @Test
    void marks_numbers_that_do_not_parse_or_are_not_valid_as_invalid() {
        assertThat(targets.normalize("12345", Mode.VOICE).valid()).isFalse();
        assertThat(targets.normalize("call me", Mode.VOICE).valid()).isFalse();
        assertThat(targets.normalize("", Mode.VOICE).valid()).isFalse();
    }

    @Test
    void reads_numbers_without_country_code_in_the_configured_region() {
        var uk = new Targets("GB");
        assertThat(uk.normalize("020 7183 8750", Mode.VOICE)).isEqualTo(new Target("+442071838750", true));
    }

    @Test
    void validates_email_targets_for_email_campaigns_and_lowercases_the_domain() {
        assertThat(targets.normalize("Ann@Example.COM", Mode.EMAIL)).isEqualTo(new Target("Ann@example.com", true));
        assertThat(targets.normalize("not-an-email", Mode.EMAIL).valid()).isFalse();
        assertThat(targets.normalize("+15125551234", Mode.EMAIL).valid()).isFalse();
    }
}
