package dev.outbound.request;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dispatcher's claims and leases: which node works on which request, until when, and what
 * the provider calls the attempt. A claim commits before any channel is called, so a crash after
 * it leaves a visible, reclaimable claim, never an unrecorded call.
 */
@Service
public class Claims {
    private static final int IN_CHUNK = 1000;
    private final RequestStatusWriter writer;
    private final LeaseRepository leases;
    private final AttemptRepository attempts;
    private final Clock clock;

    private final StatusCountRepository counters;

    Claims(
            RequestStatusWriter writer,
            LeaseRepository leases,
            AttemptRepository attempts,
            StatusCountRepository counters,
            Clock clock) {
        this.counters = counters;
        this.writer = writer;
        this.leases = leases;
        this.attempts = attempts;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} due requests of a batch that {@code gate} lets through, limited to
     * time-zone sets {@code zones} when not null.
     */
    @Transactional
    public List<ClaimedRequest> claim(
            long batchPk,
            int limit,
            String node,
            Instant leaseUntil,
            @Nullable Collection<String> zones,
            ClaimGate gate) {
        return claimAll(List.of(new ClaimWant(batchPk, limit, zones)), node, leaseUntil, gate)
                .getOrDefault(batchPk, List.of());
    }

    /**
     * {@link #claim} for several batches in one statement: each claimed request is INITIATED with
     * a lease and an attempt row; what {@code gate} holds back or skips is not, and says why.
     * Answers the claimed requests by batch.
     */
    @Transactional
    public Map<Long, List<ClaimedRequest>> claimAll(
            List<ClaimWant> wants, String node, Instant leaseUntil, ClaimGate gate) {
        var byBatch = new HashMap<Long, List<ClaimedRequest>>();
        for (ClaimedRequest c : writer.claim(wants, node, leaseUntil, gate)) {
            byBatch.computeIfAbsent(c.batchPk(), k -> new ArrayList<>()).add(c);
        }
        return byBatch;
    }

    @Transactional
    public void attachSid(long requestId, int attemptNo, String sid) {
        attachSids(List.of(new SidUpdate(requestId, attemptNo, sid)));
    }

    /** Records the providers' ids of several attempts in one transaction and two round trips. */
    @Transactional
    public void attachSids(List<SidUpdate> sids) {
        if (!sids.isEmpty()) {
            leases.setSids(sids);
            attempts.setSids(sids);
        }
    }

    /**
     * Extends this node's leases on the given requests, those it knows a channel is working on.
     * A claim this node never got to deliver (a commit that failed late, say) is not renewed, so
     * its lease runs out and it is dialled again instead of staying INITIATED for good.
     */
    @Transactional
    public int renewLeases(String node, Collection<Long> ids, Instant until) {
        int renewed = 0;
        for (List<Long> chunk : chunks(ids)) {
            renewed += leases.renewLeases(node, chunk, until);
        }
        return renewed;
    }

    /** Those of {@code ids} still in flight under {@code node}'s lease. */
    public List<Long> leasedBy(String node, Collection<Long> ids) {
        var out = new ArrayList<Long>();
        for (List<Long> chunk : chunks(ids)) {
            out.addAll(leases.leasedBy(node, chunk));
        }
        return out;
    }

    public List<Long> expiredLeases(int limit) {
        return leases.expiredLeases(clock.instant(), limit);
    }

    /** A request in flight with its current attempt; empty when it is not in flight. */
    public Optional<InFlightAttempt> inFlight(long requestId) {
        return leases.inFlight(requestId);
    }

    /**
     * Requests in flight per batch of {@code batchPks} as the status counters have them: every
     * committed change, and none of a claim still running (its counters are written as it ends).
     * Reads a few counter rows per batch instead of its in-flight requests.
     */
    public Map<Long, Integer> committedInFlightByBatch(Collection<Long> batchPks) {
        var out = new HashMap<Long, Integer>();
        for (List<Long> chunk : chunks(batchPks)) {
            out.putAll(counters.inFlightByBatch(chunk));
        }
        return out;
    }

    /** Requests in flight without news since {@code before}, oldest first. */
    public List<Long> staleInFlight(Instant before, int limit) {
        return leases.stale(before, limit);
    }

    /**
     * Gives an in-flight attempt's lease to {@code owner} until {@code until}; a null owner and
     * a past {@code until} leave it for reconciliation.
     */
    @Transactional
    public boolean handOver(long requestId, int attemptNo, @Nullable String owner, Instant until) {
        return leases.handOver(requestId, attemptNo, owner, until);
    }

    private static List<List<Long>> chunks(Collection<Long> ids) {
        var all = List.copyOf(ids);
        var out = new ArrayList<List<Long>>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return out;
    }
}
