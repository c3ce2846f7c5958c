package dev.outbound.request;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * libphonenumber's {@code getNumberType} for a number given as country code and national
 * significant number, with the same metadata and the same decisions, at about a third of its cost
 * in an upload. The library looks the metadata up by region name on every call (building a file
 * name each time), and for a country code shared by several regions (+1) it runs the whole type
 * test once to pick the region and again for the type. Here each country code's regions and
 * patterns are resolved once, and the type found while picking the region is the answer.
 * {@code PhoneTypesTest} checks it against the library over every region's example numbers and
 * random numbers of every country code.
 */
final class PhoneTypes {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    private static final ConcurrentHashMap<Integer, CountryCode> CODES = new ConcurrentHashMap<>();

    private PhoneTypes() {}

    /** The type of the number +{@code countryCode}{@code nationalNumber}; UNKNOWN when it is not valid. */
    static PhoneNumberType of(int countryCode, String nationalNumber) {
        CountryCode code = CODES.computeIfAbsent(countryCode, CountryCode::of);
        return code.typeOf(nationalNumber);
    }

    /** The regions of one country code, main one first, as libphonenumber tries them. */
    private record CountryCode(List<Region> regions) {
        static CountryCode of(int countryCode) {
            String main = PHONES.getRegionCodeForCountryCode(countryCode);
            if (PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(main)) {
                PhoneMetadata metadata = METADATA.getMetadataForNonGeographicalRegion(countryCode);
                return new CountryCode(metadata == null ? List.of() : List.of(Region.of(metadata)));
            }
            return new CountryCode(PHONES.getRegionCodesForCountryCode(countryCode).stream()
                    .map(METADATA::getMetadataForRegion)
                    .map(Region::of)
                    .toList());
        }

        PhoneNumberType typeOf(String nationalNumber) {
            if (regions.size() == 1) {
                return regions.getFirst().types().typeOf(nationalNumber);
            }
            // A region with leading digits is chosen by them alone (its type may then be
            // UNKNOWN); one without is chosen only if the number is valid there.
            for (Region region : regions) {
                if (region.leadingDigits() != null) {
                    if (region.leadingDigits().matcher(nationalNumber).lookingAt()) {
                        return region.types().typeOf(nationalNumber);
                    }
                } else {
                    PhoneNumberType type = region.types().typeOf(nationalNumber);
                    if (type != PhoneNumberType.UNKNOWN) {
                        return type;
                    }
                }
            }
            return PhoneNumberType.UNKNOWN;
        }
    }

    private record Region(@Nullable Pattern leadingDigits, Types types) {
        static Region of(PhoneMetadata metadata) {
            return new Region(
                    metadata.hasLeadingDigits() ? Pattern.compile(metadata.getLeadingDigits()) : null,
                    Types.of(metadata));
        }
    }

    /** One region's number descriptions, tested in libphonenumber's order. */
    private record Types(
            Desc general, List<TypedDesc> special, Desc fixedLine, Desc mobile, boolean sameMobileAndFixedLine) {
        static Types of(PhoneMetadata m) {
            return new Types(
                    Desc.of(m.getGeneralDesc()),
                    List.of(
                            new TypedDesc(PhoneNumberType.PREMIUM_RATE, Desc.of(m.getPremiumRate())),
                            new TypedDesc(PhoneNumberType.TOLL_FREE, Desc.of(m.getTollFree())),
                            new TypedDesc(PhoneNumberType.SHARED_COST, Desc.of(m.getSharedCost())),
                            new TypedDesc(PhoneNumberType.VOIP, Desc.of(m.getVoip())),
                            new TypedDesc(PhoneNumberType.PERSONAL_NUMBER, Desc.of(m.getPersonalNumber())),
                            new TypedDesc(PhoneNumberType.PAGER, Desc.of(m.getPager())),
                            new TypedDesc(PhoneNumberType.UAN, Desc.of(m.getUan())),
                            new TypedDesc(PhoneNumberType.VOICEMAIL, Desc.of(m.getVoicemail()))),
                    Desc.of(m.getFixedLine()),
                    Desc.of(m.getMobile()),
                    m.getSameMobileAndFixedLinePattern());
        }

        PhoneNumberType typeOf(String n) {
            if (!general.matches(n)) {
                return PhoneNumberType.UNKNOWN;
            }
            for (TypedDesc desc : special) {
                if (desc.desc().matches(n)) {
                    return desc.type();
                }
            }
            if (fixedLine.matches(n)) {
                return sameMobileAndFixedLine || mobile.matches(n)
                        ? PhoneNumberType.FIXED_LINE_OR_MOBILE
                        : PhoneNumberType.FIXED_LINE;
            }
            return !sameMobileAndFixedLine && mobile.matches(n) ? PhoneNumberType.MOBILE : PhoneNumberType.UNKNOWN;
        }
    }

    private record TypedDesc(PhoneNumberType type, Desc desc) {}

    /**
     * A number description: its possible lengths (bit n set for length n; none listed means any)
     * and its pattern (null when empty, which matches nothing).
     */
    private record Desc(
            boolean anyLength, long lengths, @Nullable Pattern pattern) {
        static Desc of(PhoneNumberDesc desc) {
            long lengths = 0;
            for (int length : desc.getPossibleLengthList()) {
                if (length >= 0 && length < 64) {
                    lengths |= 1L << length;
                }
            }
            String pattern = desc.getNationalNumberPattern();
            return new Desc(
                    desc.getPossibleLengthCount() == 0, lengths, pattern.isEmpty() ? null : Pattern.compile(pattern));
        }

        boolean matches(String n) {
            int length = n.length();
            if (!anyLength && (length >= 64 || (lengths & (1L << length)) == 0)) {
                return false;
            }
            return pattern != null && pattern.matcher(n).matches();
        }
    }
}
