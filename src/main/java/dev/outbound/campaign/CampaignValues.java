package dev.outbound.campaign;

import dev.outbound.api.JsonFields;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Parsers for the text forms a campaign's values take on the wire; each answers null when invalid. */
final class CampaignValues {
    private static final Pattern TIME = Pattern.compile("^([01]\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d))?$");
    // Six digits keep the largest interval (999999d) far from Duration overflow.
    private static final Pattern INTERVAL = Pattern.compile("^(\\d{1,6})([smhd])$");
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
    static final int MIN_SECRET_BYTES = 32;
    static final int MAX_SECRET_BYTES = 512;

    private CampaignValues() {}

    /** "HH:MM" or "HH:MM:SS", 24-hour. */
    static @Nullable LocalTime parseTime(String s) {
        var m = TIME.matcher(s.trim());
        if (!m.matches()) {
            return null;
        }
        String seconds = m.group(3);
        return LocalTime.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                seconds == null ? 0 : Integer.parseInt(seconds));
    }

    static String formatTime(LocalTime t) {
        return HH_MM_SS.format(t);
    }

    /** A positive whole number of seconds, minutes, hours or days: "45s", "30m", "12h", "7d". */
    static @Nullable Duration parseRetryInterval(String s) {
        var m = INTERVAL.matcher(s.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            return null;
        }
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /**
     * An HMAC secret in canonical standard Base64 (RFC 4648, padded); re-encoding must give the
     * input back, so two spellings of one key cannot exist.
     *
     * @throws IllegalArgumentException with a message fit for the caller when invalid
     */
    static byte[] decodeSecret(String s) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hmac_secret must be standard Base64 (RFC 4648)", e);
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(s)) {
            throw new IllegalArgumentException("hmac_secret must be standard Base64 (RFC 4648) with padding");
        }
        if (bytes.length < MIN_SECRET_BYTES || bytes.length > MAX_SECRET_BYTES) {
            throw new IllegalArgumentException("hmac_secret must decode to " + MIN_SECRET_BYTES + " to "
                    + MAX_SECRET_BYTES + " bytes (got " + bytes.length + ")");
        }
        return bytes;
    }

    /**
     * {@code value} matched case-insensitively against {@code allowed} (all lower or all upper
     * case); the allowed spelling, or null after recording a violation.
     */
    static @Nullable String choose(JsonFields f, String name, @Nullable String value, List<String> allowed) {
        if (value == null) {
            return null;
        }
        String t = value.trim();
        for (String a : allowed) {
            if (a.equalsIgnoreCase(t)) {
                return a;
            }
        }
        f.fail(name, "Input should be " + JsonFields.quoteList(allowed), "enum");
        return null;
    }

    /** "mon".."sun". */
    static String day(DayOfWeek d) {
        return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    static @Nullable DayOfWeek parseDay(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (day(d).equals(t)) {
                return d;
            }
        }
        return null;
    }
}
