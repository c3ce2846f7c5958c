package dev.outbound.calendar;

import dev.outbound.contact.ContactLimit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An organization's rule for recipients in one region (ISO 3166-1 country {@code US} or 3166-2
 * subdivision {@code US-FL}): hours read on the recipient's own clock and a contact limit. A rule
 * only narrows what the campaign allows; a country's rule applies to all its subdivisions.
 *
 * @param name how the organization names the rule, e.g. "Florida Telephone Solicitation Act"
 * @param source where the rule comes from (a statute, a counsel's memo), kept so a policy file can cite it
 */
public record RecipientRule(
        String region,
        CallingWindow window,
        ContactLimit contactLimit,
        @Nullable String name,
        @Nullable String source) {
    public RecipientRule {
        region = region.toUpperCase(Locale.ROOT);
    }

    public RecipientRule(String region, CallingWindow window, ContactLimit contactLimit) {
        this(region, window, contactLimit, null, null);
    }

    /** Whether this rule applies to a recipient in {@code recipientRegion} (null: unknown, none apply). */
    public boolean appliesTo(@Nullable String recipientRegion) {
        if (recipientRegion == null) {
            return false;
        }
        String r = recipientRegion.toUpperCase(Locale.ROOT);
        return r.equals(region) || r.startsWith(region + "-");
    }
}
