package dev.outbound.calendar;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The region of a phone number: a NANP (+1) number's by its area code ({@link AreaCodes}), any
 * other's country as libphonenumber reads it. Most targets are E.164 "+1" numbers, so those are
 * answered from the table without parsing.
 */
final class PhoneRegions {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<Integer> CALLING_CODES = Set.copyOf(PHONES.getSupportedCallingCodes());
    /** libphonenumber names the US territories as countries; a region names them as US subdivisions. */
    private static final Map<String, String> TERRITORIES =
            Map.of("PR", "US-PR", "GU", "US-GU", "VI", "US-VI", "AS", "US-AS", "MP", "US-MP");
    /** libphonenumber's region for non-geographic numbers (+800, +882, ...): no place at all. */
    private static final String NON_GEOGRAPHIC = "001";

    private PhoneRegions() {}

    static @Nullable String of(String target) {
        if (target.indexOf('@') >= 0) {
            return null;
        }
        if (target.length() == 12 && target.startsWith("+1") && digits(target, 2)) {
            // NANP: area code and exchange both start 2-9; anything else is no number at all.
            if (target.charAt(2) < '2' || target.charAt(5) < '2') {
                return null;
            }
            String region = AreaCodes.of(Integer.parseInt(target, 2, 5, 10));
            if (region != null) {
                return region;
            }
        }
        PhoneNumber number = parse(target);
        return number == null ? null : country(number);
    }

    private static @Nullable String country(PhoneNumber number) {
        String region = PHONES.getRegionCodeForNumber(number);
        if (region == null || region.equals(NON_GEOGRAPHIC)) {
            return null;
        }
        // Of a calling code with several regions (+44: GB, GG, IM, JE) libphonenumber answers the
        // region whose patterns the number matches, so it is valid; of a code with one region it
        // answers that region unchecked.
        boolean checked =
                PHONES.getRegionCodesForCountryCode(number.getCountryCode()).size() > 1;
        if (!checked && !PHONES.isValidNumberForRegion(number, region)) {
            return null;
        }
        return TERRITORIES.getOrDefault(region, region);
    }

    /**
     * E.164 text is split by hand (country codes are prefix-free); anything else, or a national
     * number with a leading zero (Italy), goes to libphonenumber.
     */
    private static @Nullable PhoneNumber parse(String target) {
        int length = target.length();
        if (length >= 8 && length <= 16 && target.charAt(0) == '+' && digits(target, 1)) {
            for (int size = 1; size <= 3; size++) {
                int code = Integer.parseInt(target, 1, 1 + size, 10);
                if (CALLING_CODES.contains(code) && target.charAt(1 + size) != '0') {
                    return new PhoneNumber()
                            .setCountryCode(code)
                            .setNationalNumber(Long.parseLong(target, 1 + size, length, 10));
                }
            }
        }
        try {
            return PHONES.parse(target, "ZZ");
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static boolean digits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
