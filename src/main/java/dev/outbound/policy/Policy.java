package dev.outbound.policy;

import dev.outbound.calendar.RecipientRules;
import dev.outbound.calendar.RestrictedDates;
import dev.outbound.contact.ContactLimit;
import org.jspecify.annotations.Nullable;

/**
 * What an organization sets for all its campaigns: each part applies on top of every campaign's
 * own settings, and a part it did not set is none ({@link ContactLimit#NONE}, no dates, no rules,
 * null for no limit on attempts in progress).
 */
public record Policy(
        ContactLimit contactLimit,
        RestrictedDates restrictedDates,
        RecipientRules recipientRules,
        @Nullable Integer maxConcurrent) {
    public static final Policy NONE = new Policy(ContactLimit.NONE, RestrictedDates.NONE, RecipientRules.NONE, null);
}
