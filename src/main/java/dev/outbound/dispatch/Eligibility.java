package dev.outbound.dispatch;

import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.calendar.Recipient;
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
 * lookup, and a suppressed person is never locked or counted), then the calendar for the
 * recipient (restricted dates on its clock, its region's rules; no database), then contact
 * limits (which lock the people they count, recipient rules' limits among them). The first rule
 * that stops a request decides; see the sketch's "one question, one answer".
 */
@Component
class Eligibility {
    private final List<EligibilityRule> rules;
    private final RulesCache cache;
    private final Calendars calendars;

    Eligibility(
            SuppressionRule suppression,
            CalendarRule calendar,
            ContactLimitRule limits,
            RulesCache cache,
            Calendars calendars) {
        this.rules = List.of(suppression, calendar, limits);
        this.cache = cache;
        this.calendars = calendars;
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
            stopped.putAll(rule.judge(open, now));
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

    private List<Candidate> candidates(List<ClaimedRequest> requests, Map<Long, Grant> byBatch) {
        var calendarOf = new HashMap<Long, AttemptCalendar>();
        return requests.stream()
                .map(r -> {
                    Grant g = Objects.requireNonNull(byBatch.get(r.batchPk()));
                    AttemptCalendar calendar = calendarOf.computeIfAbsent(r.batchPk(), pk -> cache.calendar(g.rules()));
                    Recipient recipient = calendar.judgesRecipients()
                            ? calendars.recipient(calendar, g.rules(), r.timeZones(), r.target(), r.variablesJson())
                            : null;
                    return new Candidate(
                            r, g.rules(), calendar, recipient, g.batch().expiresOn());
                })
                .toList();
    }
}
