package dev.outbound.policy;

import dev.outbound.calendar.RecipientRules;
import dev.outbound.calendar.RestrictedDates;
import dev.outbound.contact.ContactLimit;
import dev.outbound.contact.ContactLimitJson;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organization-wide policy, which applies across all of an organization's campaigns on top of
 * each campaign's own settings.
 */
@Service
public class Policies {
    private final PolicyRepository policies;
    private final JsonMapper json;
    private final Clock clock;

    Policies(PolicyRepository policies, JsonMapper json, Clock clock) {
        this.policies = policies;
        this.json = json;
        this.clock = clock;
    }

    /** The organization's limit; {@link ContactLimit#NONE} when it has set none. */
    public ContactLimit organizationLimit(long organizationId) {
        return policies.contactLimit(organizationId).map(this::read).orElse(ContactLimit.NONE);
    }

    /** The organization's restricted dates, which every campaign's add to; none when it set none. */
    public RestrictedDates restrictedDates(long organizationId) {
        return RestrictedDates.NONE; // stored by the policy's restricted_dates field (issue 14)
    }

    /** The organization's rules by recipient region; none when it set none. */
    public RecipientRules recipientRules(long organizationId) {
        return RecipientRules.NONE; // stored by the policy's recipient_rules field (issue 14)
    }

    /** Attempts in progress at once across all the organization's campaigns; null for no limit. */
    public @Nullable Integer maxConcurrent(long organizationId) {
        return null; // stored by the policy's max_concurrent field (issue 14)
    }

    /** The organization's policy with who set it last; an empty policy when it never set one. */
    @Transactional(readOnly = true)
    public PolicyView policy(long organizationId) {
        return policies.find(organizationId)
                .map(p -> new PolicyView(
                        p.contactLimit() == null ? null : read(p.contactLimit()), p.updatedAt(), p.updatedBy()))
                .orElse(new PolicyView(null, null, null));
    }

    @Transactional
    public void setOrganizationLimit(long organizationId, @Nullable ContactLimit limit, String by) {
        policies.save(organizationId, limit == null ? null : write(limit), clock.instant(), by);
    }

    /** The stored form of a limit (the same JSON as the API's, snake_case). */
    public String write(ContactLimit limit) {
        return ContactLimitJson.write(json, limit);
    }

    public ContactLimit read(String stored) {
        return ContactLimitJson.read(json, stored);
    }
}
