package dev.outbound.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.outbound.calendar.RecipientRules;
import dev.outbound.calendar.RecipientRulesJson;
import dev.outbound.calendar.RestrictedDates;
import dev.outbound.calendar.RestrictedDatesJson;
import dev.outbound.contact.ContactLimit;
import dev.outbound.contact.ContactLimitJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organization-wide policy, which applies across all of an organization's campaigns on top of
 * each campaign's own settings.
 *
 * <p>The getters the dispatcher asks on every claim read a copy at most {@link #TTL} old, so a
 * claim does not parse a few hundred rules each time. A change made through this node is seen by
 * it at once; other nodes see it within {@link #TTL}.
 */
@Service
public class Policies {
    static final Duration TTL = Duration.ofSeconds(5);
    private static final long MAX_ORGANIZATIONS = 10_000;

    private record Read(Policy policy, Instant at) {}

    private final PolicyRepository policies;
    private final JsonMapper json;
    private final Clock clock;
    private final Cache<Long, Read> cache =
            Caffeine.newBuilder().maximumSize(MAX_ORGANIZATIONS).build();

    Policies(PolicyRepository policies, JsonMapper json, Clock clock) {
        this.policies = policies;
        this.json = json;
        this.clock = clock;
    }

    /** The organization's limit; {@link ContactLimit#NONE} when it has set none. */
    public ContactLimit organizationLimit(long organizationId) {
        return current(organizationId).contactLimit();
    }

    /** The organization's restricted dates, which every campaign's add to; none when it set none. */
    public RestrictedDates restrictedDates(long organizationId) {
        return current(organizationId).restrictedDates();
    }

    /** The organization's rules by recipient region; none when it set none. */
    public RecipientRules recipientRules(long organizationId) {
        return current(organizationId).recipientRules();
    }

    /** Attempts in progress at once across all the organization's campaigns; null for no limit. */
    public @Nullable Integer maxConcurrent(long organizationId) {
        return current(organizationId).maxConcurrent();
    }

    /** The whole policy, at most {@link #TTL} old; {@link Policy#NONE} when it never set one. */
    public Policy current(long organizationId) {
        Instant now = clock.instant();
        Read r = cache.getIfPresent(organizationId);
        // A read "in the future" means a test set its clock back: read again rather than keep it.
        if (r == null || !r.at().plus(TTL).isAfter(now) || r.at().isAfter(now)) {
            r = new Read(stored(organizationId), now);
            cache.put(organizationId, r);
        }
        return r.policy();
    }

    /** The organization's policy with who set it last; an empty policy when it never set one. */
    @Transactional(readOnly = true)
    public PolicyView policy(long organizationId) {
        return policies.find(organizationId)
                .map(p -> PolicyView.of(parse(p), p.updatedAt(), p.updatedBy()))
                .orElse(PolicyView.of(Policy.NONE, null, null));
    }

    /** Replaces the whole policy. */
    @Transactional
    public void replace(long organizationId, Policy p, String by) {
        policies.save(
                organizationId,
                new PolicyRepository.Stored(
                        p.contactLimit().limits() ? write(p.contactLimit()) : null,
                        RestrictedDatesJson.write(p.restrictedDates()),
                        RecipientRulesJson.write(p.recipientRules()),
                        p.maxConcurrent(),
                        clock.instant(),
                        by));
        cache.invalidate(organizationId);
    }

    /** Sets only the contact limit, keeping the rest of the policy. */
    @Transactional
    public void setOrganizationLimit(long organizationId, @Nullable ContactLimit limit, String by) {
        policies.saveLimit(organizationId, limit == null ? null : write(limit), clock.instant(), by);
        cache.invalidate(organizationId);
    }

    /** The stored form of a limit (the same JSON as the API's, snake_case). */
    public String write(ContactLimit limit) {
        return ContactLimitJson.write(json, limit);
    }

    public ContactLimit read(String stored) {
        return ContactLimitJson.read(json, stored);
    }

    private Policy stored(long organizationId) {
        return policies.find(organizationId).map(this::parse).orElse(Policy.NONE);
    }

    private Policy parse(PolicyRepository.Stored p) {
        return new Policy(
                p.contactLimit() == null ? ContactLimit.NONE : read(p.contactLimit()),
                RestrictedDatesJson.read(json, p.restrictedDates()),
                RecipientRulesJson.read(json, p.recipientRules()),
                p.maxConcurrent());
    }
}
