package dev.outbound.dispatch;

import dev.outbound.request.RequestReason;
import dev.outbound.request.Verdict;
import dev.outbound.suppression.SuppressionKind;
import dev.outbound.suppression.Suppressions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A request whose target is on its organization's suppression list is never attempted: it ends
 * SKIPPED with the PRIOR_* channel status of the entry's kind. One lookup per organization in the
 * claim, read in the claiming transaction, so an entry committed before the claim always holds.
 */
@Component
class SuppressionRule implements EligibilityRule {
    private final Suppressions suppressions;

    SuppressionRule(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @Override
    public Map<Long, Verdict> judge(List<Candidate> candidates, Instant now) {
        var stopped = new HashMap<Long, Verdict>();
        Map<Long, List<Candidate>> byOrganization = candidates.stream()
                .collect(Collectors.groupingBy(Candidate::organizationId, TreeMap::new, Collectors.toList()));
        byOrganization.forEach((org, theirs) -> {
            Map<String, SuppressionKind> kinds = suppressions.suppressed(
                    org, theirs.stream().map(c -> c.request().target()).toList());
            if (kinds.isEmpty()) {
                return;
            }
            for (Candidate c : theirs) {
                SuppressionKind kind =
                        kinds.get(Suppressions.keyOfStored(c.request().target()));
                if (kind != null) {
                    stopped.put(
                            c.request().id(),
                            new Verdict.Skip(
                                    kind.prior(),
                                    RequestReason.SUPPRESSED,
                                    "on the suppression list (" + kind.wire() + ")"));
                }
            }
        });
        return stopped;
    }
}
