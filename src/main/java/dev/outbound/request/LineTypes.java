package dev.outbound.request;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.jspecify.annotations.Nullable;

/**
 * libphonenumber's number types in Twilio Lookup v2's line type vocabulary (landline, mobile,
 * fixedVoip, nonFixedVoip, personal, tollFree, premium, sharedCost, uan, voicemail, pager,
 * unknown): the fallback line type when no Lookup provider is configured. FIXED_LINE_OR_MOBILE (most
 * North American numbers) cannot be told apart and maps to null, as does UNKNOWN. libphonenumber's
 * VOIP does not say fixed or not; it maps to nonFixedVoip (both are the "voip" bucket).
 */
final class LineTypes {
    private LineTypes() {}

    static @Nullable String of(PhoneNumberType type) {
        return switch (type) {
            case FIXED_LINE -> "landline";
            case MOBILE -> "mobile";
            case TOLL_FREE -> "tollFree";
            case PREMIUM_RATE -> "premium";
            case SHARED_COST -> "sharedCost";
            case VOIP -> "nonFixedVoip";
            case PERSONAL_NUMBER -> "personal";
            case PAGER -> "pager";
            case UAN -> "uan";
            case VOICEMAIL -> "voicemail";
            case FIXED_LINE_OR_MOBILE, UNKNOWN -> null;
        };
    }
}
