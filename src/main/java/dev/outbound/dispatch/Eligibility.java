package dev.outbound.dispatch;

import dev.outbound.request.ClaimGate;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The rules asked before each attempt, in a fixed, cheap-first order: suppression (one indexed
 * lookup, and a suppressed person is never locked or counted), then capacity, then contact limits
 * (which lock the people they count). The first rule that stops a request decides; see the
 * sketch's "one question, one answer".
 *
 * <p>Capacity comes before contact limits for two reasons. Its locks (one row per limit) are taken
 * before any person's, which is the one global order that keeps claims from deadlocking. And a
 * contact limit counts each request it lets through as an attempt of its person for the rest of
 * the claim: were capacity asked after it, a request capacity then turned away would still hold
 * back that person's other requests, for as long as the contact limit's window.
 */
@Component
class Eligibility {
    private final List<EligibilityRule> rules;

    Eligibility(SuppressionRule suppression, CapacityRule capacity, ContactLimitRule limits) {
        this.rules = List.of(suppression, capacity, limits);
    }

    /** The gate for one claim of these grants' batches. */
    ClaimGate gate(Map<Long, Grant> byBatch) {
        return new ClaimGate() {
            @Override
            public List<Verdict> judge(List<ClaimedRequest> picked, Instant now) {
                return Eligibility.this.judge(candidates(picked, byBatch), now);
            }

            @Override
            public void claimed(List<ClaimedRequest> claimed, Instant now) {
                var candidates = candidates(claimed, byBatch);
                rules.forEach(r -> r.claimed(candidates, now));
            }
        };
    }

    private List<Verdict> judge(List<Candidate> candidates, Instant now) {
        var stopped = new HashMap<Long, Verdict>();
        List<Candidate> open = candidates;
        for (EligibilityRule rule : rules) {
            if (open.isEmpty()) {
                break;
            }
            stopped.putAll(rule.judge(open, candidates, now));
            open = open.stream()
                    .filter(c -> !stopped.containsKey(c.request().id()))
                    .toList();
        }
        var verdicts = new ArrayList<Verdict>(candidates.size());
        for (Candidate c : candidates) {
            verdicts.add(stopped.getOrDefault(c.request().id(), Verdict.ALLOW));
        }
        return verdicts;
    }

    private static List<Candidate> candidates(List<ClaimedRequest> requests, Map<Long, Grant> byBatch) {
        return requests.stream()
                .map(r -> new Candidate(
                        r, Objects.requireNonNull(byBatch.get(r.batchPk())).rules()))
                .toList();
    }
}
