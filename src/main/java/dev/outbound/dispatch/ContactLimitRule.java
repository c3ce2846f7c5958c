package dev.outbound.dispatch;

import dev.outbound.calendar.RecipientRule;
import dev.outbound.contact.ContactHistory;
import dev.outbound.contact.ContactKey;
import dev.outbound.contact.ContactLedger;
import dev.outbound.contact.ContactLimit;
import dev.outbound.contact.ContactRules;
import dev.outbound.policy.Policies;
import dev.outbound.request.RequestReason;
import dev.outbound.request.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Per-person contact limits: the campaign's, the organization's and those of the organization's
 * rules for the recipient's region, all honoured. The people a
 * claim is about to attempt are locked (one row each, in key order) before their attempts are
 * counted, and the claim records its attempts before it commits, so concurrent claims on any
 * number of nodes never take a person past a limit. A held request stays PENDING, due when the
 * limit allows. Every attempt is recorded, limits or not, so a limit set later counts what came
 * before it.
 */
@Component
class ContactLimitRule implements EligibilityRule {
    private final ContactLedger ledger;
    private final Policies policies;
    private final ContactKey keys;

    ContactLimitRule(ContactLedger ledger, Policies policies, ContactKey keys) {
        this.ledger = ledger;
        this.policies = policies;
        this.keys = keys;
    }

    @Override
    public Map<Long, Verdict> judge(List<Candidate> candidates, Instant now) {
        var stopped = new HashMap<Long, Verdict>();
        byOrganization(candidates).forEach((org, theirs) -> {
            ContactLimit organizationLimit = policies.organizationLimit(org);
            Map<Long, List<ContactLimit>> limitsOf = new HashMap<>();
            theirs.forEach(c -> limitsOf.put(c.request().id(), limits(c, organizationLimit)));
            if (limitsOf.values().stream().flatMap(List::stream).noneMatch(ContactLimit::limits)) {
                return;
            }
            Map<Long, String> personOf = new HashMap<>();
            theirs.forEach(c -> personOf.put(c.request().id(), key(c)));
            var allLimits = new ArrayList<ContactLimit>();
            limitsOf.values().forEach(allLimits::addAll);
            Map<String, ContactHistory> histories =
                    ledger.lockAndRead(org, personOf.values(), now.minus(ContactRules.lookBack(allLimits)));
            for (Candidate c : theirs) {
                ContactHistory history = Objects.requireNonNull(
                        histories.get(personOf.get(c.request().id())));
                var held = ContactRules.check(
                        Objects.requireNonNull(limitsOf.get(c.request().id())), history, now);
                if (held.isPresent()) {
                    var h = held.get();
                    stopped.put(c.request().id(), new Verdict.Hold(h.until(), reason(h.cause()), h.detail()));
                } else {
                    history.attempted(now);
                }
            }
        });
        return stopped;
    }

    @Override
    public void claimed(List<Candidate> claimed, Instant now) {
        ledger.record(claimed.stream()
                .map(c -> new ContactLedger.Attempt(
                        c.request().id(), c.request().attemptNo(), c.organizationId(), key(c), now))
                .toList());
    }

    /** The campaign's limit, the organization's, and every limit of a rule for the recipient's region. */
    private static List<ContactLimit> limits(Candidate c, ContactLimit organizationLimit) {
        var limits = new ArrayList<ContactLimit>(List.of(c.rules().contactLimit(), organizationLimit));
        var recipient = c.recipient();
        if (recipient != null && !c.calendar().recipientRules().isEmpty()) {
            c.calendar().recipientRules().applyingTo(recipient.region()).stream()
                    .map(RecipientRule::contactLimit)
                    .filter(ContactLimit::limits)
                    .forEach(limits::add);
        }
        return limits;
    }

    private String key(Candidate c) {
        return keys.of(c.request().target(), c.request().variablesJson());
    }

    private static RequestReason reason(ContactRules.Cause cause) {
        return switch (cause) {
            case ATTEMPTS -> RequestReason.CONTACT_LIMIT;
            case CONVERSATION -> RequestReason.AFTER_CONVERSATION;
        };
    }

    private static Map<Long, List<Candidate>> byOrganization(List<Candidate> candidates) {
        // In organization order, so claims lock people in one global order and cannot deadlock.
        return candidates.stream()
                .collect(Collectors.groupingBy(Candidate::organizationId, TreeMap::new, Collectors.toList()));
    }
}
