package dev.outbound.dispatch;

import dev.outbound.request.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One rule that protects a person, asked inside the claiming transaction about requests just
 * picked. A rule answers only for the requests it holds back or skips; the others go on to the
 * next rule, and those no rule stops are attempted.
 */
interface EligibilityRule {
    /** Verdicts by request id for those of {@code candidates} (in claim order) this rule stops. */
    Map<Long, Verdict> judge(List<Candidate> candidates, Instant now);

    /**
     * {@link #judge(List, Instant)} for a rule that also needs every request this round picked,
     * {@code open} or not: those the earlier rules stopped are still claimed in the transaction
     * until the round ends.
     */
    default Map<Long, Verdict> judge(List<Candidate> open, List<Candidate> picked, Instant now) {
        return judge(open, now);
    }

    /** The candidates that were claimed, after their attempt rows exist. */
    default void claimed(List<Candidate> claimed, Instant now) {}
}
