package dev.outbound.request;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.outbound.channel.Mode;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Normalises targets the same way for CSV rows and single requests: phone numbers to E.164 with
 * libphonenumber (numbers without a country code are read in the default region), email
 * addresses for email campaigns by syntax.
 */
public final class Targets {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final int MAX_LENGTH = 254;
    private static final java.util.Set<Integer> CALLING_CODES = java.util.Set.copyOf(PHONES.getSupportedCallingCodes());

    private final String defaultRegion;

    public Targets(String defaultRegion) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    }

    public Target normalize(String raw, Mode mode) {
        String t = raw.strip();
        if (t.isEmpty() || t.length() > MAX_LENGTH) {
            return new Target(raw, false);
        }
        return mode == Mode.EMAIL ? email(t) : phone(t);
    }

    private Target phone(String t) {
        Target canonical = canonical(t);
        if (canonical != null) {
            return canonical;
        }
        try {
            var number = PHONES.parse(t, defaultRegion);
            var type = PHONES.getNumberType(number);
            if (type == PhoneNumberUtil.PhoneNumberType.UNKNOWN) {
                return new Target(t, false);
            }
            return new Target(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), true, LineTypes.of(type));
        } catch (NumberParseException e) {
            return new Target(t, false);
        }
    }

    /*
     * Validity is read off the number's type: libphonenumber's isValidNumber is exactly "its type
     * is not UNKNOWN", so asking for the type costs nothing extra and gives the fallback line type.
     */

    /**
     * Fast path for input already in E.164 ("+" and digits): parsing is most of the cost of a
     * large upload, and such input needs only its country code split off (country codes are
     * prefix-free) before validation. Anything unusual (a leading zero in the national number,
     * as in Italy) goes the general way; answers null then.
     */
    private static @Nullable Target canonical(String t) {
        int length = t.length();
        if (length < 8 || length > 16 || t.charAt(0) != '+') {
            return null;
        }
        for (int i = 1; i < length; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        for (int digits = 1; digits <= 3; digits++) {
            int countryCode = Integer.parseInt(t, 1, 1 + digits, 10);
            if (!CALLING_CODES.contains(countryCode)) {
                continue;
            }
            if (t.charAt(1 + digits) == '0') {
                return null;
            }
            // The national number as libphonenumber would print it: no leading zero (checked
            // above), at most 15 digits, so the digits after the country code as they are.
            var type = PhoneTypes.of(countryCode, t.substring(1 + digits));
            return type == PhoneNumberUtil.PhoneNumberType.UNKNOWN
                    ? new Target(t, false)
                    : new Target(t, true, LineTypes.of(type));
        }
        return null;
    }

    private static Target email(String t) {
        if (!EMAIL.matcher(t).matches()) {
            return new Target(t, false);
        }
        int at = t.lastIndexOf('@');
        return new Target(t.substring(0, at) + "@" + t.substring(at + 1).toLowerCase(Locale.ROOT), true);
    }
}
