package dev.outbound.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RegionsTest {
    static final String MIAMI = "+13055550100";
    static final String TORONTO = "+14165550100";

    final Regions regions = new Regions();

    @Nested
    class From_the_state_variable {
        @Test
        void a_postal_abbreviation_in_any_case_and_spacing_names_its_state() {
            assertThat(regions.of(TORONTO, "{\"state\":\"FL\"}")).isEqualTo("US-FL");
            assertThat(regions.of(TORONTO, "{\"state\":\"fl\"}")).isEqualTo("US-FL");
            assertThat(regions.of(TORONTO, "{\"state\":\" Fl \"}")).isEqualTo("US-FL");
        }

        @Test
        void a_full_name_names_its_state() {
            assertThat(regions.of(TORONTO, "{\"state\":\"Florida\"}")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "{\"state\":\"new york\"}")).isEqualTo("US-NY");
            assertThat(regions.of(MIAMI, "{\"state\":\"  North   Carolina \"}")).isEqualTo("US-NC");
            assertThat(regions.of(MIAMI, "{\"state\":\"US-TX\"}")).isEqualTo("US-TX");
        }

        @Test
        void the_district_of_columbia_and_the_territories_are_us_subdivisions() {
            assertThat(regions.of(MIAMI, "{\"state\":\"DC\"}")).isEqualTo("US-DC");
            assertThat(regions.of(MIAMI, "{\"state\":\"Washington, D.C.\"}")).isEqualTo("US-DC");
            assertThat(regions.of(MIAMI, "{\"state\":\"District of Columbia\"}"))
                    .isEqualTo("US-DC");
            assertThat(regions.of(MIAMI, "{\"state\":\"PR\"}")).isEqualTo("US-PR");
            assertThat(regions.of(MIAMI, "{\"state\":\"Guam\"}")).isEqualTo("US-GU");
            assertThat(regions.of(MIAMI, "{\"state\":\"U.S. Virgin Islands\"}")).isEqualTo("US-VI");
            assertThat(regions.of(MIAMI, "{\"state\":\"as\"}")).isEqualTo("US-AS");
            assertThat(regions.of(MIAMI, "{\"state\":\"MP\"}")).isEqualTo("US-MP");
        }

        @Test
        void washington_alone_is_the_state_not_the_district() {
            assertThat(regions.of(MIAMI, "{\"state\":\"Washington\"}")).isEqualTo("US-WA");
        }

        @Test
        void canadian_provinces_by_code_and_name() {
            assertThat(regions.of(MIAMI, "{\"state\":\"ON\"}")).isEqualTo("CA-ON");
            assertThat(regions.of(MIAMI, "{\"state\":\"Ontario\"}")).isEqualTo("CA-ON");
            assertThat(regions.of(MIAMI, "{\"province\":\"Québec\"}")).isEqualTo("CA-QC");
            assertThat(regions.of(MIAMI, "{\"state\":\"quebec\"}")).isEqualTo("CA-QC");
            assertThat(regions.of(MIAMI, "{\"state\":\"Newfoundland and Labrador\"}"))
                    .isEqualTo("CA-NL");
            assertThat(regions.of(MIAMI, "{\"state\":\"PEI\"}")).isEqualTo("CA-PE");
        }

        @Test
        void ca_is_california_not_canada() {
            assertThat(regions.of(TORONTO, "{\"state\":\"CA\"}")).isEqualTo("US-CA");
        }

        @Test
        void the_variable_name_is_read_in_any_case_and_trimmed() {
            assertThat(regions.of(TORONTO, "{\"State\":\"FL\"}")).isEqualTo("US-FL");
            assertThat(regions.of(TORONTO, "{\" STATE \":\"FL\"}")).isEqualTo("US-FL");
        }

        @Test
        void an_unrecognised_state_falls_through_to_the_zip_then_the_number() {
            assertThat(regions.of(MIAMI, "{\"state\":\"Kent\",\"zip\":\"10001\"}"))
                    .isEqualTo("US-NY");
            assertThat(regions.of(MIAMI, "{\"state\":\"Kent\"}")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "{\"state\":\"\"}")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "{\"state\":\"XX\"}")).isEqualTo("US-FL");
        }
    }

    @Nested
    class From_the_postal_code {
        @Test
        void a_zip_names_the_state_of_its_three_digit_prefix() {
            assertThat(regions.of(TORONTO, "{\"zip\":\"33101\"}")).isEqualTo("US-FL");
            assertThat(regions.of(TORONTO, "{\"zip\":\"10001-1234\"}")).isEqualTo("US-NY");
            assertThat(regions.of(TORONTO, "{\"ZIP\":\"90210\"}")).isEqualTo("US-CA");
            assertThat(regions.of(TORONTO, "{\"Postal_Code\":\"02134\"}")).isEqualTo("US-MA");
            assertThat(regions.of(TORONTO, "{\"zip_code\":\" 99501 \"}")).isEqualTo("US-AK");
            assertThat(regions.of(TORONTO, "{\"postal code\":\"20500\"}")).isEqualTo("US-DC");
        }

        @Test
        void a_zip_sent_as_a_json_number_is_read_too() {
            assertThat(regions.of(TORONTO, "{\"zip\":33101}")).isEqualTo("US-FL");
        }

        @Test
        void five_digit_exceptions_win_over_their_prefix() {
            assertThat(regions.of(TORONTO, "{\"zip\":\"96799\"}")).isEqualTo("US-AS");
            assertThat(regions.of(TORONTO, "{\"zip\":\"96801\"}")).isEqualTo("US-HI");
            assertThat(regions.of(TORONTO, "{\"zip\":\"06390\"}")).isEqualTo("US-NY");
            assertThat(regions.of(TORONTO, "{\"zip\":\"06101\"}")).isEqualTo("US-CT");
            assertThat(regions.of(TORONTO, "{\"zip\":\"96910\"}")).isEqualTo("US-GU");
            assertThat(regions.of(TORONTO, "{\"zip\":\"96950\"}")).isEqualTo("US-MP");
            assertThat(regions.of(TORONTO, "{\"zip\":\"96960\"}")).isEqualTo("MH");
        }

        @Test
        void territories_have_their_own_prefixes() {
            assertThat(regions.of(MIAMI, "{\"zip\":\"00901\"}")).isEqualTo("US-PR");
            assertThat(regions.of(MIAMI, "{\"zip\":\"00802\"}")).isEqualTo("US-VI");
        }

        @Test
        void a_canadian_postal_code_names_the_province_of_its_first_letter() {
            assertThat(regions.of(MIAMI, "{\"postal_code\":\"K1A 0B1\"}")).isEqualTo("CA-ON");
            assertThat(regions.of(MIAMI, "{\"postal_code\":\"h3z2y7\"}")).isEqualTo("CA-QC");
            assertThat(regions.of(MIAMI, "{\"postal_code\":\"V6B-1A1\"}")).isEqualTo("CA-BC");
            assertThat(regions.of(MIAMI, "{\"postal_code\":\"T2P\"}")).isEqualTo("CA-AB");
            assertThat(regions.of(MIAMI, "{\"zip\":\"A1C 5M2\"}")).isEqualTo("CA-NL");
            assertThat(regions.of(MIAMI, "{\"zip\":\"Y1A 1A1\"}")).isEqualTo("CA-YT");
        }

        @Test
        void an_x_postal_code_is_nunavut_in_x0a_x0b_x0c_and_the_northwest_territories_elsewhere() {
            assertThat(regions.of(MIAMI, "{\"postal_code\":\"X0A 0H0\"}")).isEqualTo("CA-NU");
            assertThat(regions.of(MIAMI, "{\"postal_code\":\"X0C 0A0\"}")).isEqualTo("CA-NU");
            assertThat(regions.of(MIAMI, "{\"postal_code\":\"X1A 2P7\"}")).isEqualTo("CA-NT");
            assertThat(regions.of(MIAMI, "{\"postal_code\":\"X0E 0N0\"}")).isEqualTo("CA-NT");
        }

        @Test
        void an_unrecognised_postal_code_falls_through_to_the_number() {
            assertThat(regions.of(MIAMI, "{\"zip\":\"1234\"}")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "{\"zip\":\"SW1A 1AA\"}")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "{\"zip\":\"D1A 1A1\"}")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "{\"zip\":\"3310A\"}")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "{\"zip\":\"00001\"}")).isEqualTo("US-FL");
        }

        @Test
        void a_military_zip_has_no_state() {
            assertThat(regions.of(TORONTO, "{\"zip\":\"09001\"}")).isEqualTo("CA-ON");
            assertThat(regions.of(TORONTO, "{\"zip\":\"96201\"}")).isEqualTo("CA-ON");
        }
    }

    @Nested
    class From_the_number {
        @Test
        void a_nanp_number_names_the_state_or_province_of_its_area_code() {
            assertThat(regions.of(MIAMI, null)).isEqualTo("US-FL");
            assertThat(regions.of("+12125550100", null)).isEqualTo("US-NY");
            assertThat(regions.of("+12025550100", null)).isEqualTo("US-DC");
            assertThat(regions.of(TORONTO, null)).isEqualTo("CA-ON");
            assertThat(regions.of("+16045550100", null)).isEqualTo("CA-BC");
            assertThat(regions.of("+17875550100", null)).isEqualTo("US-PR");
        }

        @Test
        void a_caribbean_number_names_its_country() {
            assertThat(regions.of("+18765550100", null)).isEqualTo("JM");
            assertThat(regions.of("+12425550100", null)).isEqualTo("BS");
            assertThat(regions.of("+18095550100", null)).isEqualTo("DO");
            assertThat(regions.of("+14415550100", null)).isEqualTo("BM");
        }

        @Test
        void an_area_code_over_several_provinces_or_none_names_only_the_country() {
            assertThat(regions.of("+18675550100", null)).isEqualTo("CA");
            assertThat(regions.of("+19025550100", null)).isEqualTo("CA");
            assertThat(regions.of("+18005550100", null)).isEqualTo("US");
        }

        @Test
        void another_country_s_number_names_its_country() {
            assertThat(regions.of("+442079460000", null)).isEqualTo("GB");
            assertThat(regions.of("+4930901820", null)).isEqualTo("DE");
            assertThat(regions.of("+390612345678", null)).isEqualTo("IT");
            assertThat(regions.of("+61291234567", null)).isEqualTo("AU");
        }

        @Test
        void an_invalid_number_has_no_region() {
            assertThat(regions.of("+11235550100", null)).isNull();
            assertThat(regions.of("+13051550100", null)).isNull();
            assertThat(regions.of("+4412", null)).isNull();
            assertThat(regions.of("+80012345678", null)).isNull();
            assertThat(regions.of("not a number", null)).isNull();
            assertThat(regions.of("", null)).isNull();
        }

        @Test
        void an_email_target_has_a_region_only_from_its_variables() {
            assertThat(regions.of("ann@example.com", null)).isNull();
            assertThat(regions.of("ann@example.com", "{\"name\":\"Ann\"}")).isNull();
            assertThat(regions.of("ann@example.com", "{\"state\":\"FL\"}")).isEqualTo("US-FL");
        }
    }

    @Nested
    class Precedence_and_bad_input {
        @Test
        void the_state_beats_the_zip_which_beats_the_number() {
            assertThat(regions.of(TORONTO, "{\"zip\":\"10001\",\"state\":\"FL\"}"))
                    .isEqualTo("US-FL");
            assertThat(regions.of(TORONTO, "{\"zip\":\"10001\"}")).isEqualTo("US-NY");
            assertThat(regions.of(TORONTO, "{\"name\":\"Ann\"}")).isEqualTo("CA-ON");
        }

        @Test
        void variables_that_are_missing_or_not_a_json_object_are_ignored() {
            assertThat(regions.of(MIAMI, null)).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "{\"state\":\"NY\"")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "{state: NY}")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "[\"state\",\"NY\"]")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "\"state NY\"")).isEqualTo("US-FL");
        }

        @Test
        void a_state_that_is_not_a_string_is_ignored() {
            assertThat(regions.of(MIAMI, "{\"state\":{\"code\":\"NY\"},\"zip\":\"10001\"}"))
                    .isEqualTo("US-NY");
            assertThat(regions.of(MIAMI, "{\"state\":[\"NY\"]}")).isEqualTo("US-FL");
            assertThat(regions.of(MIAMI, "{\"state\":null}")).isEqualTo("US-FL");
        }

        @Test
        void variables_with_escapes_spaces_or_other_values_are_read_alike() {
            assertThat(regions.of(TORONTO, "{\"note\":\"say \\\"hi\\\"\",\"state\":\"FL\"}"))
                    .isEqualTo("US-FL");
            assertThat(regions.of(TORONTO, "{\"st\\u0061te\":\"FL\"}")).isEqualTo("US-FL");
            assertThat(regions.of(TORONTO, " {\n \"age\": 42, \"vip\": true, \"state\" : \"FL\" } "))
                    .isEqualTo("US-FL");
            assertThat(regions.of(TORONTO, "{ \"state\" : \"FL\" }")).isEqualTo("US-FL");
            assertThat(regions.of(TORONTO, "{\"state\":\"FL\"} trailing")).isEqualTo("CA-ON");
        }

        @Test
        void the_first_non_blank_value_of_each_kind_counts() {
            assertThat(regions.of(TORONTO, "{\"state\":\" \",\"Province\":\"QC\"}"))
                    .isEqualTo("CA-QC");
            assertThat(regions.of(TORONTO, "{\"zip\":\"10001\",\"postal_code\":\"33101\"}"))
                    .isEqualTo("US-NY");
        }

        @Test
        void names_that_only_contain_state_or_zip_are_not_read() {
            assertThat(regions.of(MIAMI, "{\"estate\":\"NY\",\"zipper\":\"10001\",\"statement\":\"TX\"}"))
                    .isEqualTo("US-FL");
        }
    }
}
