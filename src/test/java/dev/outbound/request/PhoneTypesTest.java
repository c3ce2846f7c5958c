package dev.outbound.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PhoneTypesTest {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Test
    void gives_the_library_type_of_every_regions_example_number_of_every_type() {
        var numbers = new ArrayList<PhoneNumber>();
        for (String region : PHONES.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = PHONES.getExampleNumberForType(region, type);
                if (example != null) {
                    numbers.add(example);
                }
            }
        }
        for (int code : PHONES.getSupportedGlobalNetworkCallingCodes()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = PHONES.getExampleNumberForNonGeoEntity(code);
                if (example != null && PHONES.getNumberType(example) == type) {
                    numbers.add(example);
                }
            }
        }
        assertThat(numbers).hasSizeGreaterThan(1000);
        assertAgreesWithLibrary(
                numbers,
                EnumSet.of(
                        PhoneNumberType.MOBILE,
                        PhoneNumberType.FIXED_LINE,
                        PhoneNumberType.FIXED_LINE_OR_MOBILE,
                        PhoneNumberType.TOLL_FREE,
                        PhoneNumberType.PREMIUM_RATE,
                        PhoneNumberType.VOIP,
                        PhoneNumberType.UAN));
    }

    @Test
    void gives_the_library_type_of_random_numbers_of_every_country_code() {
        var random = new Random(17);
        var numbers = new ArrayList<PhoneNumber>();
        for (int code : PHONES.getSupportedCallingCodes()) {
            for (int i = 0; i < 400; i++) {
                numbers.add(number(code, 4 + random.nextInt(12), random));
            }
        }
        // +1 is shared by 25 regions, picked by leading digits or by validity: most numbers here.
        for (int i = 0; i < 40_000; i++) {
            numbers.add(number(1, 10, random));
        }
        assertAgreesWithLibrary(
                numbers,
                EnumSet.of(
                        PhoneNumberType.UNKNOWN,
                        PhoneNumberType.FIXED_LINE_OR_MOBILE,
                        PhoneNumberType.MOBILE,
                        PhoneNumberType.FIXED_LINE,
                        PhoneNumberType.TOLL_FREE));
    }

    private static PhoneNumber number(int code, int digits, Random random) {
        long national = 1 + random.nextInt(9);
        for (int d = 1; d < digits; d++) {
            national = national * 10 + random.nextInt(10);
        }
        return new PhoneNumber().setCountryCode(code).setNationalNumber(national);
    }

    /** Same type as libphonenumber for each number; and the sample covers at least the given types. */
    private static void assertAgreesWithLibrary(List<PhoneNumber> numbers, EnumSet<PhoneNumberType> covered) {
        var seen = EnumSet.noneOf(PhoneNumberType.class);
        for (PhoneNumber number : numbers) {
            PhoneNumberType expected = PHONES.getNumberType(number);
            assertThat(PhoneTypes.of(number.getCountryCode(), PHONES.getNationalSignificantNumber(number)))
                    .as("+%d %d", number.getCountryCode(), number.getNationalNumber())
                    .isEqualTo(expected);
            seen.add(expected);
        }
        assertThat(seen).containsAll(covered);
    }
}
