package dev.outbound.dispatch;

import dev.outbound.batch.AllowanceTake;
import dev.outbound.batch.BatchDispatch;
import dev.outbound.request.ClaimWant;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.Claims;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 2 of a tick: takes the allowance of several batches and claims their due requests in one
 * transaction, committed before any channel is called. The allowance compare-and-sets and the
 * claims are each one round trip whatever the number of batches, which is what lets one node
 * keep thousands of batches on pace. The rules that protect people ({@link Eligibility}) are
 * asked inside that transaction.
 */
@Component
class ClaimStep {
    private final BatchDispatch batches;
    private final Claims lifecycle;
    private final DailyCapRepository caps;
    private final NodeName node;
    private final DispatchProperties properties;
    private final DispatchMetrics metrics;
    private final TransactionTemplate transactions;
    private final FilterStep filter;
    private final Eligibility eligibility;
    /** Claims per batch and tick when filters keep excluding what was claimed. */
    private static final int FILTER_ROUNDS = 4;

    ClaimStep(
            BatchDispatch batches,
            Claims lifecycle,
            DailyCapRepository caps,
            NodeName node,
            DispatchProperties properties,
            DispatchMetrics metrics,
            TransactionTemplate transactions,
            FilterStep filter,
            Eligibility eligibility) {
        this.filter = filter;
        this.eligibility = eligibility;
        this.batches = batches;
        this.lifecycle = lifecycle;
        this.caps = caps;
        this.node = node;
        this.properties = properties;
        this.metrics = metrics;
        this.transactions = transactions;
    }

    /** A grant and the requests it claimed (none when another node took the slots first). */
    record Claim(Grant grant, List<ClaimedRequest> requests) {}

    List<Claim> claim(List<Grant> grants, Instant now) {
        if (grants.isEmpty()) {
            return List.of();
        }
        var byPk = new HashMap<Long, Grant>();
        grants.forEach(g -> byPk.put(g.batch().pk(), g));
        long start = System.nanoTime();
        Map<Long, List<ClaimedRequest>> claimed;
        try {
            claimed = transactions.execute(status -> take(grants, byPk, now));
        } catch (RuntimeException e) {
            grants.forEach(g -> release(g, 0));
            throw e;
        }
        metrics.claimTook(Duration.ofNanos(System.nanoTime() - start));
        var claims = new ArrayList<Claim>();
        for (Grant g : grants) {
            List<ClaimedRequest> got = admitted(
                    g,
                    claimed == null ? List.of() : claimed.getOrDefault(g.batch().pk(), List.of()),
                    now);
            release(g, got.size());
            if (!got.isEmpty()) {
                batches.activate(g.batch());
                metrics.attempted(got.size());
                claims.add(new Claim(g, got));
            }
        }
        return claims;
    }

    private Map<Long, List<ClaimedRequest>> take(List<Grant> grants, Map<Long, Grant> byPk, Instant now) {
        var bids =
                grants.stream().map(g -> new AllowanceTake(g.batch(), g.next())).toList();
        var wants = new ArrayList<ClaimWant>();
        for (AllowanceTake won : batches.takeAllowances(bids)) {
            Grant g = byPk.get(won.batch().pk());
            if (g != null) {
                wants.add(want(g, g.slots()));
            }
        }
        return wants.isEmpty()
                ? Map.of()
                : lifecycle.claimAll(wants, node.get(), now.plus(properties.lease()), eligibility.gate(byPk));
    }

    /**
     * The claimed requests the campaign's filters admit. A filtered request gives its slot back,
     * and the slot is claimed again (a few rounds at most), so filters do not lower the rate.
     */
    private List<ClaimedRequest> admitted(Grant g, List<ClaimedRequest> claimed, Instant now) {
        List<ClaimedRequest> passed = filter.admit(g, claimed);
        if (passed.size() == claimed.size()) {
            return claimed;
        }
        var admitted = new ArrayList<>(passed);
        for (int round = 1; round < FILTER_ROUNDS && admitted.size() < g.slots(); round++) {
            List<ClaimedRequest> more = lifecycle
                    .claimAll(
                            List.of(want(g, g.slots() - admitted.size())),
                            node.get(),
                            now.plus(properties.lease()),
                            eligibility.gate(Map.of(g.batch().pk(), g)))
                    .getOrDefault(g.batch().pk(), List.of());
            List<ClaimedRequest> morePassed = filter.admit(g, more);
            admitted.addAll(morePassed);
            if (morePassed.size() == more.size()) {
                break; // nothing filtered: either every slot is used or nothing else is due
            }
        }
        return admitted;
    }

    private static ClaimWant want(Grant g, int limit) {
        return new ClaimWant(g.batch().pk(), limit, g.zones(), g.batch().prioritized());
    }

    /** Gives back daily-cap reservations the claim did not use. */
    private void release(Grant g, int used) {
        if (g.capDay() != null && g.slots() > used) {
            caps.release(g.rules().id(), g.capDay(), g.slots() - used);
        }
    }
}
