package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher events;
    private final BulkChangeEvents bulkEvents;

    RequestLifecycle(
            RequestRepository requests,
            AttemptRepository attempts,
            StatusCountRepository counters,
            Clock clock,
            ApplicationEventPublisher events,
            BulkChangeEvents bulkEvents) {
        this.events = events;
        this.bulkEvents = bulkEvents;
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
        return claimAll(List.of(new ClaimWant(batchPk, limit, zones)), node, leaseUntil)
                .getOrDefault(batchPk, List.of());
    }

    /**
     * {@link #claim} for several batches at once: batches without zone limits in one statement
     * where the store allows, the attempt rows in one batched insert, the counters in one batched
     * upsert. Answers the claimed requests by batch.
     */
    @Transactional
    public Map<Long, List<ClaimedRequest>> claimAll(List<ClaimWant> wants, String node, Instant leaseUntil) {
        Instant now = clock.instant();
        var oldChannel = new HashMap<Long, String>();
        var claimed = new java.util.ArrayList<ClaimedRequest>();
        var together = wants.stream().filter(w -> w.zones() == null).toList();
        if (!together.isEmpty()) {
            claimed.addAll(requests.claimMany(together, now, node, leaseUntil, oldChannel));
        }
        for (ClaimWant w : wants) {
            if (w.zones() != null) {
                claimed.addAll(requests.claim(w.batchPk(), w.limit(), now, node, leaseUntil, w.zones(), oldChannel));
            }
        }
        if (claimed.isEmpty()) {
            return Map.of();
        }
        attempts.insertAll(claimed, now);
        var deltas = new java.util.TreeMap<Long, Map<CountKey, Long>>();
        var byBatch = new HashMap<Long, List<ClaimedRequest>>();
        for (ClaimedRequest c : claimed) {
            var cells = deltas.computeIfAbsent(c.batchPk(), k -> new HashMap<>());
            cells.merge(
                    new CountKey(RequestStatus.PENDING.name(), oldChannel.getOrDefault(c.id(), "")), -1L, Long::sum);
            cells.merge(new CountKey(RequestStatus.INITIATED.name(), "QUEUED"), 1L, Long::sum);
            byBatch.computeIfAbsent(c.batchPk(), k -> new java.util.ArrayList<>())
                    .add(c);
        }
        counters.addAll(deltas);
        for (ClaimedRequest c : claimed) {
            events.publishEvent(new RequestStatusChanged(
                    c.id(),
                    c.batchPk(),
                    RequestStatus.PENDING,
                    ChannelManagerStatus.parse(oldChannel.getOrDefault(c.id(), "")),
                    RequestStatus.INITIATED,
                    ChannelManagerStatus.QUEUED,
                    c.attemptNo(),
                    now));
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
            requests.setSids(sids);
            attempts.setSids(sids);
        }
    }

    /**
     * Reads and row-locks several requests (in id order, so concurrent callers cannot deadlock);
     * call inside {@link #applyAll}'s transaction. Ids that do not exist are left out.
     */
    @Transactional
    public Map<Long, RequestState> lockAll(Collection<Long> ids) {
        var states = new HashMap<Long, RequestState>();
        if (!ids.isEmpty()) {
            for (RequestState s : requests.lockStates(ids)) {
                states.put(s.id(), s);
            }
        }
        return states;
    }

    /**
     * Applies changes of requests locked by {@link #lockAll} in this transaction, in a few round
     * trips whatever their number: each request moves once, from the state it was locked in to
     * where its last change leaves it, still guarded by {@code WHERE status = :expected}; its
     * attempt row and the counters follow. Each request's changes must be given in order, each
     * starting where the one before ended. Throws (rolling the transaction back) if any request
     * was not where its first change expected.
     */
    @Transactional
    public void applyAll(List<Change> changes) {
        var firsts = new java.util.LinkedHashMap<Long, Change>();
        var lasts = new java.util.LinkedHashMap<Long, Change>();
        for (Change c : changes) {
            Change previous = lasts.get(c.from().id());
            if (previous != null && previous.to() != c.from().status()) {
                throw new IllegalArgumentException(
                        "change of request " + c.from().id() + " starts at "
                                + c.from().status() + " but the one before ended at " + previous.to());
            }
            if (c.from().status() != c.to()) {
                RequestTransitions.check(c.from().status(), c.to());
            }
            firsts.putIfAbsent(c.from().id(), c);
            lasts.put(c.from().id(), c);
        }
        if (lasts.isEmpty()) {
            return;
        }
        var finals = new java.util.ArrayList<Change>(lasts.size());
        for (Change last : lasts.values()) {
            Change first =
                    java.util.Objects.requireNonNull(firsts.get(last.from().id()));
            finals.add(first == last ? last : rebase(last, first.from()));
        }
        int[] moved = requests.transitionAll(finals, clock.instant());
        for (int i = 0; i < moved.length; i++) {
            if (moved[i] != 1) {
                throw new IllegalStateException(
                        "request " + finals.get(i).from().id() + " was no longer "
                                + finals.get(i).from().status() + " when its changes were applied");
            }
        }
        attempts.recordAll(finals);
        // Every change, not only each request's last, in order: a listener (the webhook outbox)
        // sees HUMAN and then COMPLETED even when both were written at once. Published after
        // the writes, so what a listener reads of the request is what this transaction stored.
        for (Change c : changes) {
            events.publishEvent(new RequestStatusChanged(
                    c.from().id(),
                    c.from().batchPk(),
                    c.from().status(),
                    c.from().channelStatus(),
                    c.to(),
                    c.toChannel(),
                    c.attemptNo(),
                    c.at()));
        }
        var deltas = new java.util.TreeMap<Long, Map<CountKey, Long>>();
        for (Change c : finals) {
            if (c.from().status() != c.to() || c.from().channelStatus() != c.toChannel()) {
                var cells = deltas.computeIfAbsent(c.from().batchPk(), k -> new HashMap<>());
                cells.merge(
                        new CountKey(
                                c.from().status().name(),
                                c.from().channelStatus().wire()),
                        -1L,
                        Long::sum);
                cells.merge(new CountKey(c.to().name(), c.toChannel().wire()), 1L, Long::sum);
            }
        }
        counters.addAll(deltas);
    }

    /** The last change of a request, restated from where its first change started. */
    private static Change rebase(Change last, RequestState start) {
        return new Change(
                start, last.attemptNo(), last.to(), last.toChannel(), last.dueAt(), last.attemptOutcome(), last.at());
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
            ChannelManagerStatus toChannel,
            @Nullable Instant dueAt,
            @Nullable String attemptOutcome,
            Instant at) {
        if (state.status() != to) {
            RequestTransitions.check(state.status(), to);
        }
        boolean inFlight = to == RequestStatus.INITIATED || to == RequestStatus.CONNECTED;
        if (!requests.transition(
                state.id(), attemptNo, state.status(), to, toChannel.wire(), dueAt, inFlight, clock.instant())) {
            return false;
        }
        if (attemptOutcome != null) {
            attempts.end(state.id(), attemptNo, at, toChannel.wire(), attemptOutcome);
        } else {
            attempts.observe(state.id(), attemptNo, toChannel.wire());
        }
        move(state.batchPk(), state.status(), state.channelStatus().wire(), to, toChannel.wire());
        events.publishEvent(new RequestStatusChanged(
                state.id(), state.batchPk(), state.status(), state.channelStatus(), to, toChannel, attemptNo, at));
        return true;
    }

    /**
     * Takes back an attempt that never reached the channel (provider unavailable, or a claim whose
     * node died before calling it): the request waits again and the attempt leaves the history.
     */
    @Transactional
    public boolean voidAttempt(RequestState state, int attemptNo, Instant dueAt) {
        ChannelManagerStatus channel = ChannelManagerStatus.PENDING;
        if (!requests.voidAttempt(state.id(), attemptNo, channel.wire(), dueAt, clock.instant())) {
            return false;
        }
        attempts.delete(state.id(), attemptNo);
        move(state.batchPk(), state.status(), state.channelStatus().wire(), RequestStatus.PENDING, channel.wire());
        events.publishEvent(new RequestStatusChanged(
                state.id(),
                state.batchPk(),
                state.status(),
                state.channelStatus(),
                RequestStatus.PENDING,
                channel,
                attemptNo,
                clock.instant()));
        return true;
    }

    /**
     * A claimed request its campaign's filters exclude: the attempt is taken back (it never
     * reached a channel) and the request is SKIPPED with {@code channelStatus}, in one
     * transaction; false if it is no longer as claimed.
     */
    @Transactional
    public boolean skipClaimed(ClaimedRequest c, ChannelManagerStatus channelStatus, Instant at) {
        if (!takeBack(c, at)) {
            return false;
        }
        RequestState waiting = requests.lockState(c.id()).orElseThrow();
        return apply(waiting, c.attemptNo() - 1, RequestStatus.SKIPPED, channelStatus, null, null, at);
    }

    /** A claimed request that cannot be judged yet (its lookup is pending): it waits until {@code dueAt}. */
    @Transactional
    public boolean postponeClaimed(ClaimedRequest c, Instant dueAt) {
        return takeBack(c, dueAt);
    }

    private boolean takeBack(ClaimedRequest c, Instant dueAt) {
        boolean taken = requests.lockState(c.id())
                .filter(s -> s.status() == RequestStatus.INITIATED && s.attemptCount() == c.attemptNo())
                .map(s -> voidAttempt(s, c.attemptNo(), dueAt))
                .orElse(false);
        if (taken) {
            requests.forgetSentIfNeverAttempted(c.id());
        }
        return taken;
    }

    private void move(long batchPk, RequestStatus from, String fromChannel, RequestStatus to, String toChannel) {
        if (from == to && fromChannel.equals(toChannel)) {
            return;
        }
        var deltas = new HashMap<CountKey, Long>();
        deltas.merge(new CountKey(from.name(), fromChannel), -1L, Long::sum);
        deltas.merge(new CountKey(to.name(), toChannel), 1L, Long::sum);
        counters.add(batchPk, deltas);
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
            renewed += requests.renewLeases(node, chunk, until);
        }
        return renewed;
    }

    /** Those of {@code ids} still in flight under {@code node}'s lease. */
    public List<Long> leasedBy(String node, Collection<Long> ids) {
        var out = new ArrayList<Long>();
        for (List<Long> chunk : chunks(ids)) {
            out.addAll(requests.leasedBy(node, chunk));
        }
        return out;
    }

    private static List<List<Long>> chunks(Collection<Long> ids) {
        var all = List.copyOf(ids);
        var out = new ArrayList<List<Long>>();
        for (int i = 0; i < all.size(); i += 1000) {
            out.add(all.subList(i, Math.min(all.size(), i + 1000)));
        }
        return out;
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
        var watched = bulkEvents.before(
                batchPk, ChannelManagerStatus.CANCELED, () -> requests.lockNeverAttemptedPending(batchPk));
        var canceled = requests.cancelNeverAttempted(batchPk, now);
        bulkEvents.after(watched, batchPk, RequestStatus.CANCELED, ChannelManagerStatus.CANCELED, now);
        for (var e : canceled.entrySet()) {
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

    /** One request as the results show it now; read inside a status change's transaction. */
    public Optional<ResultRow> snapshot(long requestId) {
        return requests.result(requestId);
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
