package dev.outbound.contact;

import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The organization-wide contact limit, which applies across all of an organization's campaigns. */
@Service
public class ContactPolicies {
    private final PolicyRepository policies;
    private final JsonMapper json;
    private final Clock clock;

    ContactPolicies(PolicyRepository policies, JsonMapper json, Clock clock) {
        this.policies = policies;
        this.json = json;
        this.clock = clock;
    }

    /** The organization's limit; {@link ContactLimit#NONE} when it has set none. */
    public ContactLimit organizationLimit(long organizationId) {
        return policies.contactLimit(organizationId).map(this::read).orElse(ContactLimit.NONE);
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
