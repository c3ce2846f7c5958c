package dev.outbound.request;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dispatcher's side of requests: claims, outcomes, voided attempts, leases and expiry. Every
 * method changes statuses, attempt history and counters in one transaction.
 */
@Service
public class RequestLifecycle {
    private final RequestRepository requests;
    private final AttemptRepository attempts;
    private final StatusCountRepository counters;
    private final Clock clock;
    private final ThreadLocal<@Nullable Map<Long, Map<CountKey, Long>>> deferred = new ThreadLocal<>();

    RequestLifecycle(
            RequestRepository requests, AttemptRepository attempts, StatusCountRepository counters, Clock clock) {
        this.requests = requests;
        this.attempts = attempts;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} due requests of a batch, marks them INITIATED with a lease and
     * an attempt row, and commits before any channel is called: a crash after this point leaves
     * a visible, reclaimable claim, never an unrecorded call.
     */
    @Transactional
    public List<ClaimedRequest> claim(
            long batchPk, int limit, String node, Instant leaseUntil, @Nullable Collection<String> zones) {
        Instant now = clock.instant();
        var oldChannel = new HashMap<Long, String>();
        List<ClaimedRequest> claimed = requests.claim(batchPk, limit, now, node, leaseUntil, zones, oldChannel);
        if (claimed.isEmpty()) {
            return claimed;
        }
        var deltas = new HashMap<CountKey, Long>();
        attempts.insertAll(claimed, now);
        for (ClaimedRequest c : claimed) {
            deltas.merge(
                    new CountKey(RequestStatus.PENDING.name(), oldChannel.getOrDefault(c.id(), "")), -1L, Long::sum);
        }
        deltas.merge(new CountKey(RequestStatus.INITIATED.name(), "QUEUED"), (long) claimed.size(), Long::sum);
        counters.add(batchPk, deltas);
        return claimed;
    }

    @Transactional
    public void attachSid(long requestId, int attemptNo, String sid) {
        requests.setSid(requestId, attemptNo, sid);
        attempts.setSid(requestId, attemptNo, sid);
    }

    /** Reads a request under a row lock; call inside {@link #apply}'s transaction or another. */
    @Transactional
    public Optional<RequestState> lock(long requestId) {
        return requests.lockState(requestId);
    }

    /**
     * Moves a request from {@code expected} to {@code to} for attempt {@code attemptNo}; false if
     * it is no longer there (a later event or another node got there first). When
     * {@code attemptOutcome} is not null the attempt ends with it.
     */
    @Transactional
    public boolean apply(
            RequestState state,
            int attemptNo,
            RequestStatus to,
            String toChannel,
            @Nullable Instant dueAt,
            @Nullable String attemptOutcome,
            Instant at) {
        if (state.status() != to) {
            RequestTransitions.check(state.status(), to);
        }
        boolean inFlight = to == RequestStatus.INITIATED || to == RequestStatus.CONNECTED;
        if (!requests.transition(
                state.id(), attemptNo, state.status(), to, toChannel, dueAt, inFlight, clock.instant())) {
            return false;
        }
        if (attemptOutcome != null) {
            attempts.end(state.id(), attemptNo, at, toChannel, attemptOutcome);
        } else {
            attempts.observe(state.id(), attemptNo, toChannel);
        }
        move(state.batchPk(), state.status(), state.channelStatus(), to, toChannel);
        return true;
    }

    /**
     * Takes back an attempt that never reached the channel (provider unavailable, or a claim whose
     * node died before calling it): the request waits again and the attempt leaves the history.
     */
    @Transactional
    public boolean voidAttempt(RequestState state, int attemptNo, Instant dueAt) {
        String channel = "PENDING";
        if (!requests.voidAttempt(state.id(), attemptNo, channel, dueAt, clock.instant())) {
            return false;
        }
        attempts.delete(state.id(), attemptNo);
        move(state.batchPk(), state.status(), state.channelStatus(), RequestStatus.PENDING, channel);
        return true;
    }

    private void move(long batchPk, RequestStatus from, String fromChannel, RequestStatus to, String toChannel) {
        if (from == to && fromChannel.equals(toChannel)) {
            return;
        }
        var deltas = new HashMap<CountKey, Long>();
        deltas.merge(new CountKey(from.name(), fromChannel), -1L, Long::sum);
        deltas.merge(new CountKey(to.name(), toChannel), 1L, Long::sum);
        Map<Long, Map<CountKey, Long>> buffer = deferred.get();
        if (buffer != null) {
            var batch = buffer.computeIfAbsent(batchPk, k -> new HashMap<>());
            deltas.forEach((k, n) -> batch.merge(k, n, Long::sum));
        } else {
            counters.add(batchPk, deltas);
        }
    }

    /**
     * Runs {@code work} (inside the caller's transaction) with counter changes gathered and
     * written once per batch at the end, in a stable order: recording many events in one
     * transaction then touches each counter cell once, and two such transactions cannot lock
     * counter cells in opposite orders.
     */
    public void withDeferredCounters(Runnable work) {
        var buffer = new java.util.TreeMap<Long, Map<CountKey, Long>>();
        deferred.set(buffer);
        try {
            work.run();
        } finally {
            deferred.remove();
        }
        buffer.forEach(counters::add);
    }

    /** Extends this node's leases on everything it has in flight. */
    @Transactional
    public int renewLeases(String node, Instant until) {
        return requests.renewLeases(node, until);
    }

    public List<Long> expiredLeases(int limit) {
        return requests.expiredLeases(clock.instant(), limit);
    }

    /** Keeps what the channel said about an attempt that ended (e.g. the provider's error). */
    @Transactional
    public void noteDetail(long requestId, int attemptNo, String detail) {
        attempts.detail(requestId, attemptNo, detail);
    }

    /** A request in flight with its current attempt; empty when it is not in flight. */
    public Optional<InFlightAttempt> inFlight(long requestId) {
        return requests.inFlight(requestId);
    }

    /** Requests in flight without news since {@code before}, oldest first. */
    public List<Long> staleInFlight(Instant before, int limit) {
        return requests.stale(before, limit);
    }

    /**
     * Gives an in-flight attempt's lease to {@code owner} until {@code until}; a null owner and
     * a past {@code until} leave it for reconciliation.
     */
    @Transactional
    public boolean handOver(long requestId, int attemptNo, @Nullable String owner, Instant until) {
        return requests.handOver(requestId, attemptNo, owner, until);
    }

    /**
     * At expiry: never-attempted requests are CANCELED and those waiting for a retry FAILED, in
     * the expiring transaction; answers how many changed.
     */
    @Transactional
    public long expire(long batchPk) {
        Instant now = clock.instant();
        var deltas = new HashMap<CountKey, Long>();
        long changed = 0;
        for (var e : requests.cancelNeverAttempted(batchPk, now).entrySet()) {
            deltas.merge(e.getKey(), -e.getValue(), Long::sum);
            deltas.merge(new CountKey(RequestStatus.CANCELED.name(), "CANCELED"), e.getValue(), Long::sum);
            changed += e.getValue();
        }
        for (var e : requests.failRetryWaiting(batchPk, now).entrySet()) {
            deltas.merge(e.getKey(), -e.getValue(), Long::sum);
            deltas.merge(
                    new CountKey(RequestStatus.FAILED.name(), e.getKey().channelStatus()), e.getValue(), Long::sum);
            changed += e.getValue();
        }
        counters.add(batchPk, deltas);
        return changed;
    }

    /** The distinct recipient time-zone sets among a batch's waiting requests ('' for unknown). */
    public List<String> pendingZoneSets(long batchPk) {
        return requests.pendingZoneSets(batchPk);
    }

    public List<AttemptView> attempts(long batchPk, String referenceId) {
        return attempts.list(batchPk, referenceId);
    }

    /** The agent's report of the conversation; false when the reference id is not in the batch. */
    @Transactional
    public boolean report(
            long batchPk,
            String referenceId,
            @Nullable Long sessionId,
            @Nullable Long conversationId,
            @Nullable String insightsStatus,
            @Nullable String insightsJson) {
        return requests.report(
                batchPk, referenceId, sessionId, conversationId, insightsStatus, insightsJson, clock.instant());
    }
}
