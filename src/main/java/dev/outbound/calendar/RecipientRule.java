package dev.outbound.calendar;

import dev.outbound.contact.ContactLimit;
import java.util.Locale;

/**
 * An organization's rule for recipients in one region (ISO 3166-1 country {@code US} or 3166-2
 * subdivision {@code US-FL}): hours read on the recipient's own clock and a contact limit. A rule
 * only narrows what the campaign allows; a country's rule applies to all its subdivisions.
 */
public record RecipientRule(String region, CallingWindow window, ContactLimit contactLimit) {
    public RecipientRule {
        region = region.toUpperCase(Locale.ROOT);
    }

    /** Whether this rule applies to a recipient in {@code recipientRegion} (null: unknown, none apply). */
    public boolean appliesTo(@org.jspecify.annotations.Nullable String recipientRegion) {
        if (recipientRegion == null) {
            return false;
        }
        String r = recipientRegion.toUpperCase(Locale.ROOT);
        return r.equals(region) || r.startsWith(region + "-");
    }
}
