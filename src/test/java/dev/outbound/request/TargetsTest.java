package dev.outbound.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.Mode;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private final Targets targets = new Targets("US");

    @Test
    void normalises_national_and_formatted_numbers_to_e164_in_the_default_region() {
        assertThat(targets.normalize("512-555-1234", Mode.VOICE)).isEqualTo(new Target("+15125551234", true));
        assertThat(targets.normalize(" (512) 555-1234 ", Mode.SMS)).isEqualTo(new Target("+15125551234", true));
        assertThat(targets.normalize("+44 20 7183 8750", Mode.VOICE))
                .isEqualTo(new Target("+442071838750", true, "landline"));
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
        assertThat(uk.normalize("020 7183 8750", Mode.VOICE)).isEqualTo(new Target("+442071838750", true, "landline"));
    }

    @Test
    void validates_email_targets_for_email_campaigns_and_lowercases_the_domain() {
        assertThat(targets.normalize("Ann@Example.COM", Mode.EMAIL)).isEqualTo(new Target("Ann@example.com", true));
        assertThat(targets.normalize("not-an-email", Mode.EMAIL).valid()).isFalse();
        assertThat(targets.normalize("+15125551234", Mode.EMAIL).valid()).isFalse();
    }

    @Test
    void the_e164_fast_path_agrees_with_full_parsing_across_countries() throws Exception {
        var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        var samples = new java.util.ArrayList<String>();
        for (String region : util.getSupportedRegions()) {
            for (var type : com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.values()) {
                var example = util.getExampleNumberForType(region, type);
                if (example != null) {
                    samples.add(
                            util.format(example, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164));
                }
            }
        }
        samples.addAll(
                java.util.List.of("+15125551234", "+1512555123", "+999123456789", "+390612345678", "+8001234567"));
        assertThat(samples).hasSizeGreaterThan(500);
        for (String e164 : samples) {
            boolean expected;
            try {
                expected = util.isValidNumber(util.parse(e164, "US"));
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                expected = false;
            }
            var target = targets.normalize(e164, Mode.VOICE);
            assertThat(target.valid()).as(e164).isEqualTo(expected);
            if (expected) {
                assertThat(target.value()).as(e164).isEqualTo(e164);
            }
        }
    }

    @Test
    void valid_numbers_carry_libphonenumbers_line_type_in_twilio_words() {
        assertThat(targets.normalize("+447400123456", Mode.VOICE).lineType()).isEqualTo("mobile");
        assertThat(targets.normalize("+44 20 7183 8750", Mode.VOICE).lineType()).isEqualTo("landline");
        assertThat(targets.normalize("+18005550100", Mode.VOICE).lineType()).isEqualTo("tollFree");
        // North American numbers are "fixed line or mobile": libphonenumber cannot tell.
        assertThat(targets.normalize("+14155550123", Mode.SMS).lineType()).isNull();
        assertThat(targets.normalize("ann@example.com", Mode.EMAIL).lineType()).isNull();
    }
}
