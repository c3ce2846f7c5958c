package dev.outbound.dispatch;

import dev.outbound.batch.BatchDispatch;
import dev.outbound.batch.OpenBatch;
import dev.outbound.policy.Policies;
import dev.outbound.request.Claims;
import dev.outbound.request.RequestReason;
import dev.outbound.request.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Capacity ({@code max_concurrent}): attempts in progress at once, claimed and not yet final, on
 * every node together, per campaign and per organization; both limits hold. The claim locks one
 * row per limit it counts toward, then counts what is in progress in the batches that have not
 * ended, and lets through at most the free places. The rest wait where they are, due, with reason
 * CAPACITY, and their batch claims nothing more this tick: the pace waits for a place instead of
 * skipping anyone. A claim that meets no limit costs nothing here (the organization's policy is
 * cached by {@link Policies}).
 */
@Component
class CapacityRule implements EligibilityRule {
    private final CapacityLockRepository locks;
    private final BatchDispatch batches;
    private final Claims claims;
    private final Policies policies;

    CapacityRule(CapacityLockRepository locks, BatchDispatch batches, Claims claims, Policies policies) {
        this.locks = locks;
        this.batches = batches;
        this.claims = claims;
        this.policies = policies;
    }

    @Override
    public Map<Long, Verdict> judge(List<Candidate> candidates, Instant now) {
        return judge(candidates, candidates, now);
    }

    @Override
    public Map<Long, Verdict> judge(List<Candidate> open, List<Candidate> picked, Instant now) {
        var campaignLimits = new HashMap<Long, Integer>();
        var organizationLimits = new HashMap<Long, Integer>();
        for (Candidate c : picked) {
            Integer campaign = c.rules().maxConcurrent();
            if (campaign != null) {
                campaignLimits.put(c.rules().id(), campaign);
            }
            Integer organization = organizationLimit(c.organizationId(), organizationLimits);
            if (organization != null) {
                organizationLimits.put(c.organizationId(), organization);
            }
        }
        if (campaignLimits.isEmpty() && organizationLimits.isEmpty()) {
            return Map.of();
        }
        // Every picked request's limits are locked, not only the open ones': a later round of this
        // claim may meet them, and must not lock them after the contact rows this round locks.
        locks.lock(campaignLimits.keySet(), organizationLimits.keySet());
        var campaigns = new Places("campaign", campaignLimits);
        var organizations = new Places("organization", organizationLimits);
        count(campaigns, organizations);
        var stopped = new HashMap<Long, Verdict>();
        for (Candidate c : fairly(open)) {
            String full = campaigns.full(c.rules().id());
            if (full == null) {
                full = organizations.full(c.organizationId());
            }
            if (full != null) {
                stopped.put(c.request().id(), new Verdict.Wait(RequestReason.CAPACITY, full));
            } else {
                campaigns.take(c.rules().id());
                organizations.take(c.organizationId());
            }
        }
        return stopped;
    }

    /**
     * Fills both tallies with what is in progress now: what other claims committed, read from the
     * status counters (exact: every status write moves them in its own transaction, and a claim
     * holding this lock commits its counters before the lock is free), plus what this claim let
     * through in its earlier rounds (its own counters are written only as it ends). This round's
     * picks are in neither.
     */
    private void count(Places campaigns, Places organizations) {
        List<OpenBatch> open = batches.openIn(campaigns.limits.keySet(), organizations.limits.keySet());
        Map<Long, Integer> inFlight =
                claims.committedInFlightByBatch(open.stream().map(OpenBatch::pk).toList());
        for (OpenBatch b : open) {
            int n = inFlight.getOrDefault(b.pk(), 0);
            campaigns.add(b.campaignId(), n);
            organizations.add(b.organizationId(), n);
        }
        ownClaims().forEach((owner, n) -> {
            campaigns.add(owner.campaignId(), n);
            organizations.add(owner.organizationId(), n);
        });
        campaigns.settle();
        organizations.settle();
    }

    @Override
    public void claimed(List<Candidate> claimed, Instant now) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Map<Owner, Integer> own = null;
        for (Candidate c : claimed) {
            if (c.rules().maxConcurrent() != null || policies.maxConcurrent(c.organizationId()) != null) {
                own = own == null ? ownClaims() : own;
                own.merge(new Owner(c.rules().id(), c.organizationId()), 1, Integer::sum);
            }
        }
    }

    /** The campaign and organization of requests this transaction claimed under a limit. */
    private record Owner(long campaignId, long organizationId) {}

    /** This transaction's claims under a limit so far, by owner; empty outside a transaction. */
    @SuppressWarnings("unchecked")
    private Map<Owner, Integer> ownClaims() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashMap<>();
        }
        Object held = TransactionSynchronizationManager.getResource(this);
        if (held != null) {
            return (Map<Owner, Integer>) held;
        }
        var own = new HashMap<Owner, Integer>();
        TransactionSynchronizationManager.bindResource(this, own);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(CapacityRule.this);
            }
        });
        return own;
    }

    /**
     * The candidates one batch at a time, each batch in its claim order, so that batches of one
     * campaign share its free places instead of the first batch taking them all.
     */
    private static List<Candidate> fairly(List<Candidate> open) {
        var byBatch = new LinkedHashMap<Long, List<Candidate>>();
        open.forEach(c -> byBatch.computeIfAbsent(c.request().batchPk(), k -> new ArrayList<>())
                .add(c));
        var out = new ArrayList<Candidate>(open.size());
        for (int i = 0; out.size() < open.size(); i++) {
            for (List<Candidate> theirs : byBatch.values()) {
                if (i < theirs.size()) {
                    out.add(theirs.get(i));
                }
            }
        }
        return out;
    }

    private @Nullable Integer organizationLimit(long organizationId, Map<Long, Integer> known) {
        Integer limit = known.get(organizationId);
        return limit != null ? limit : policies.maxConcurrent(organizationId);
    }

    /** Attempts in progress against each limit of one kind (campaign or organization). */
    private static final class Places {
        private final String kind;
        private final Map<Long, Integer> limits;
        private final Map<Long, Integer> inProgress = new HashMap<>();

        Places(String kind, Map<Long, Integer> limits) {
            this.kind = kind;
            this.limits = limits;
        }

        void add(long owner, int n) {
            if (limits.containsKey(owner)) {
                inProgress.merge(owner, n, Integer::sum);
            }
        }

        /** Never below 0: a picked request's batch may have ended since it was read as open. */
        void settle() {
            inProgress.replaceAll((owner, n) -> Math.max(0, n));
        }

        void take(long owner) {
            add(owner, 1);
        }

        /** Why {@code owner} has no free place ("20 of 20 attempts in progress (campaign)"); null when it has one. */
        @Nullable
        String full(long owner) {
            Integer limit = limits.get(owner);
            if (limit == null) {
                return null;
            }
            int now = inProgress.getOrDefault(owner, 0);
            return now < limit ? null : now + " of " + limit + " attempts in progress (" + kind + ")";
        }
    }
}
