package dev.outbound.dispatch;

import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.calendar.Recipient;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.request.ClaimedRequest;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request picked for a claim, with the rules and calendar of its campaign.
 *
 * @param recipient where the recipient is, when the calendar may judge it (recipient hours or
 *     recipient rules); null otherwise, so a claim without such rules looks nothing up
 * @param expiresOn when the batch expires, if it does
 */
record Candidate(
        ClaimedRequest request,
        CampaignRules rules,
        AttemptCalendar calendar,
        @Nullable Recipient recipient,
        @Nullable Instant expiresOn) {
    long organizationId() {
        return rules.organizationId();
    }
}
