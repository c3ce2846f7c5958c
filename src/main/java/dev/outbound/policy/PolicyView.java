package dev.outbound.policy;

import dev.outbound.calendar.RecipientRulesJson;
import dev.outbound.calendar.RestrictedDatesJson;
import dev.outbound.contact.ContactLimit;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An organization's policy as {@code GET/PUT /policy} answer it: lists are {@code []} and limits
 * null when not set; who changed it last and when are null until it is first set.
 */
public record PolicyView(
        @Nullable ContactLimit contactLimit,
        JsonNode restrictedDates,
        JsonNode recipientRules,
        @Nullable Integer maxConcurrent,
        @Nullable Instant updatedAt,
        @Nullable String updatedBy) {

    static PolicyView of(Policy p, @Nullable Instant updatedAt, @Nullable String updatedBy) {
        return new PolicyView(
                p.contactLimit().limits() ? p.contactLimit() : null,
                RestrictedDatesJson.node(p.restrictedDates()),
                RecipientRulesJson.node(p.recipientRules()),
                p.maxConcurrent(),
                updatedAt,
                updatedBy);
    }
}
