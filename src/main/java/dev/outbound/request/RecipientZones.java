package dev.outbound.request;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The time zones a recipient's number may be in, for campaigns whose hours are read on the
 * recipient's clock. libphonenumber maps a number to every zone its prefix covers: a New York
 * number to one zone, a US toll-free number to dozens (and then the window must be open in all of
 * them). When it knows nothing the campaign's own zone stands in, so a recipient always has at
 * least one zone.
 *
 * <p>Sets are answered in order of zone id, so that logs and the stored column are stable.
 */
public final class RecipientZones {

    /** The separator of {@link #zonesColumn}; zone ids never contain it. */
    private static final String SEPARATOR = ",";

    private static final Comparator<ZoneId> BY_ID = Comparator.comparing(ZoneId::getId);

    private RecipientZones() {}

    /**
     * The zones of {@code e164}, or just {@code fallback} when the number does not parse, its zone
     * is unknown to libphonenumber ({@code Etc/Unknown}), or none of the ids it names is known to
     * this JVM.
     */
    public static Set<ZoneId> zonesFor(String e164, ZoneId fallback) {
        PhoneNumber number;
        try {
            number = PhoneNumberUtil.getInstance().parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return Set.of(fallback);
        }
        List<String> ids = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number);
        Set<ZoneId> zones = toZones(ids);
        return zones.isEmpty() ? Set.of(fallback) : zones;
    }

    /**
     * What a request stores in {@code time_zone}: its number's zones, or "" when libphonenumber
     * knows none, so the campaign's zone (which may change later) applies at dispatch time.
     */
    public static String columnFor(String e164) {
        try {
            PhoneNumber number = PhoneNumberUtil.getInstance().parse(e164, "ZZ");
            return zonesColumn(
                    toZones(PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number)));
        } catch (NumberParseException e) {
            return "";
        }
    }

    /** The zone ids sorted and joined by commas, for a VARCHAR column; empty for no zones. */
    public static String zonesColumn(Set<ZoneId> zones) {
        return zones.stream().map(ZoneId::getId).sorted().collect(Collectors.joining(SEPARATOR));
    }

    /**
     * Reads {@link #zonesColumn} back. Blank entries and ids this JVM does not know are skipped
     * (a zone database update may retire one), so the result may be empty: callers then fall back
     * to the campaign's zone as {@link #zonesFor} does.
     */
    public static Set<ZoneId> parseZones(String column) {
        return toZones(List.of(column.split(SEPARATOR)));
    }

    private static Set<ZoneId> toZones(List<String> ids) {
        TreeSet<ZoneId> zones = new TreeSet<>(BY_ID);
        for (String raw : ids) {
            String id = raw.trim();
            if (id.isEmpty() || id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
                continue;
            }
            try {
                zones.add(ZoneId.of(id));
            } catch (DateTimeException e) {
                // An id libphonenumber knows but this JVM does not: the other ids still count.
            }
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(zones));
    }
}
