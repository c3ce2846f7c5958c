package dev.outbound.policy;

import dev.outbound.api.JsonFields;
import dev.outbound.api.Violations;
import dev.outbound.calendar.MaxConcurrentInput;
import dev.outbound.calendar.RecipientRulesInput;
import dev.outbound.calendar.RestrictedDatesInput;
import dev.outbound.contact.ContactLimit;
import dev.outbound.contact.ContactLimitInput;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code PUT /policy} body, which replaces the whole policy: {@code contact_limit},
 * {@code restricted_dates}, {@code recipient_rules} and {@code max_concurrent}, each absent or
 * null for none. Unknown fields are ignored (so a policy file may carry a note).
 */
public final class PolicyInput {
    private PolicyInput() {}

    /** @throws dev.outbound.api.InvalidInput with every violation */
    public static Policy read(@Nullable JsonNode body) {
        var v = new Violations();
        var f = JsonFields.body(body, v);
        ContactLimit limit = ContactLimitInput.read(f, "contact_limit");
        var policy = new Policy(
                limit == null ? ContactLimit.NONE : limit,
                RestrictedDatesInput.read(f, "restricted_dates"),
                RecipientRulesInput.read(f, "recipient_rules"),
                MaxConcurrentInput.read(f, "max_concurrent"));
        v.throwIfAny();
        return policy;
    }
}
