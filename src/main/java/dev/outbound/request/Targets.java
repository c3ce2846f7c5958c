package dev.outbound.request;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.outbound.campaign.Mode;
import java.util.Locale;
import java.util.regex.Pattern;

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
        try {
            var number = PHONES.parse(t, defaultRegion);
            if (!PHONES.isValidNumber(number)) {
                return new Target(t, false);
            }
            return new Target(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), true);
        } catch (NumberParseException e) {
            return new Target(t, false);
        }
    }

    private static Target email(String t) {
        if (!EMAIL.matcher(t).matches()) {
            return new Target(t, false);
        }
        int at = t.lastIndexOf('@');
        return new Target(t.substring(0, at) + "@" + t.substring(at + 1).toLowerCase(Locale.ROOT), true);
    }
}
