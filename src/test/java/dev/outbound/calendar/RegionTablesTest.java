package dev.outbound.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RegionTablesTest {
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    @Test
    void the_area_code_table_covers_every_current_geographic_code_of_the_us_and_canada() {
        assertThat(AreaCodes.count()).isGreaterThan(450);
        long subdivided = IntStream.range(200, 1000)
                .mapToObj(AreaCodes::of)
                .filter(r -> r != null && r.contains("-"))
                .count();
        assertThat(subdivided).isGreaterThan(400);
    }

    @Test
    void every_area_code_maps_to_a_listed_subdivision_or_a_country() {
        for (int code = 0; code < 1000; code++) {
            String region = AreaCodes.of(code);
            if (region != null) {
                assertThat(Subdivisions.CODES.contains(region) || COUNTRIES.contains(region))
                        .as("area code %d: %s", code, region)
                        .isTrue();
            }
        }
    }

    @Test
    void every_area_code_is_in_the_country_libphonenumber_gives_its_numbers() {
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        for (int code = 200; code < 1000; code++) {
            String region = AreaCodes.of(code);
            if (region == null) {
                continue;
            }
            String country = region.startsWith("US-") && region.length() == 5 ? "US" : region.substring(0, 2);
            for (int exchange = 200; exchange < 1000; exchange++) {
                var number = new PhoneNumber()
                        .setCountryCode(1)
                        .setNationalNumber(code * 10_000_000L + exchange * 10_000L + 1234);
                if (phones.isValidNumber(number)) {
                    String given = phones.getRegionCodeForNumber(number);
                    String expected = Set.of("PR", "GU", "VI", "AS", "MP").contains(given) ? "US" : given;
                    assertThat(country).as("area code %d: %s", code, region).isEqualTo(expected);
                    break;
                }
            }
        }
    }

    @Test
    void every_state_and_province_has_an_area_code() {
        Set<String> covered = IntStream.range(0, 1000)
                .mapToObj(AreaCodes::of)
                .filter(r -> r != null)
                .collect(Collectors.toSet());
        Set<String> missing = new HashSet<>(Subdivisions.CODES);
        missing.removeAll(covered);
        // Yukon, the Northwest Territories and Nunavut share 867, Nova Scotia and PEI 902/782.
        assertThat(missing).containsExactlyInAnyOrder("CA-YT", "CA-NT", "CA-NU", "CA-NS", "CA-PE");
    }

    @Test
    void well_known_area_codes_are_where_they_should_be() {
        assertThat(AreaCodes.of(305)).isEqualTo("US-FL");
        assertThat(AreaCodes.of(212)).isEqualTo("US-NY");
        assertThat(AreaCodes.of(907)).isEqualTo("US-AK");
        assertThat(AreaCodes.of(808)).isEqualTo("US-HI");
        assertThat(AreaCodes.of(514)).isEqualTo("CA-QC");
        assertThat(AreaCodes.of(403)).isEqualTo("CA-AB");
        assertThat(AreaCodes.of(876)).isEqualTo("JM");
        assertThat(AreaCodes.of(671)).isEqualTo("US-GU");
        assertThat(AreaCodes.of(555)).isNull();
        assertThat(AreaCodes.of(911)).isNull();
    }

    @Test
    void every_zip_prefix_maps_to_a_listed_subdivision_or_a_country() {
        int assigned = 0;
        for (int zip = 0; zip <= 99_999; zip++) {
            String region = PostalCodes.zipRegion(zip);
            if (region != null) {
                assigned++;
                assertThat(Subdivisions.CODES.contains(region) || COUNTRIES.contains(region))
                        .as("ZIP %05d: %s", zip, region)
                        .isTrue();
            }
        }
        assertThat(assigned).isGreaterThan(90_000);
    }

    @Test
    void every_us_state_has_zip_codes() {
        Set<String> covered = IntStream.rangeClosed(0, 99_999)
                .mapToObj(PostalCodes::zipRegion)
                .filter(r -> r != null)
                .collect(Collectors.toSet());
        assertThat(covered)
                .containsAll(Subdivisions.CODES.stream()
                        .filter(c -> c.startsWith("US-"))
                        .toList());
    }

    @Test
    void no_us_state_abbreviation_is_also_a_canadian_one() {
        Set<String> us = abbreviations("US-");
        Set<String> canada = abbreviations("CA-");
        assertThat(us).hasSize(56);
        assertThat(canada).hasSize(13);
        assertThat(us).doesNotContainAnyElementsOf(canada);
    }

    @Test
    void names_are_compared_without_case_dots_or_extra_spaces() {
        assertThat(Subdivisions.normalise("  Washington,  D.C. ")).isEqualTo("washington dc");
        assertThat(Subdivisions.normalise("NEW_YORK")).isEqualTo("new york");
    }

    private static Set<String> abbreviations(String country) {
        return Subdivisions.CODES.stream()
                .filter(c -> c.startsWith(country))
                .map(c -> c.substring(3))
                .collect(Collectors.toSet());
    }
}
