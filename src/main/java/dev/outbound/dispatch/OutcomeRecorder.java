package dev.outbound.dispatch;

import dev.outbound.batch.Batch;
import dev.outbound.channel.ChannelEvent;
import dev.outbound.channel.ChannelListener;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.request.Change;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.Outcomes;
import dev.outbound.request.RequestState;
import dev.outbound.request.RequestStatus;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 4: records what channels report. Events are queued as they arrive (from any thread) and
 * applied in chunks, each in one transaction under the row locks of its requests; what each event
 * means is {@link OutcomeDecider}'s call. An event for an older attempt, or one that would move a
 * request backwards, changes nothing.
 */
@Component
class OutcomeRecorder implements ChannelListener {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OutcomeRecorder.class);
    private static final int CHUNK = 100;
    private final Queue<ChannelEvent> events = new ConcurrentLinkedQueue<>();
    private final Outcomes lifecycle;
    private final OutcomeDecider decider;
    private final TransactionTemplate transactions;
    private final DispatchMetrics metrics;
    private final Clock clock;
    private final Lanes lanes;
    private final int parallelism;
    private final InFlight inFlight;

    OutcomeRecorder(
            Outcomes lifecycle,
            OutcomeDecider decider,
            TransactionTemplate transactions,
            DispatchMetrics metrics,
            Clock clock,
            Lanes lanes,
            DispatchProperties properties,
            InFlight inFlight) {
        this.inFlight = inFlight;
        this.lanes = lanes;
        this.parallelism = Math.max(1, properties.parallelism());
        this.lifecycle = lifecycle;
        this.decider = decider;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void on(ChannelEvent event) {
        events.add(event);
    }

    /**
     * Applies every queued event; answers how many. Events of one request stay in one lane, in
     * arrival order; different requests are recorded side by side.
     */
    int drain() {
        var byLane = new java.util.HashMap<Integer, java.util.List<ChannelEvent>>();
        int taken = 0;
        ChannelEvent event;
        while ((event = events.poll()) != null) {
            int lane = (int) Math.floorMod(event.requestId(), (long) parallelism);
            byLane.computeIfAbsent(lane, k -> new java.util.ArrayList<>()).add(event);
            taken++;
        }
        var work = new java.util.ArrayList<java.util.concurrent.Callable<Integer>>();
        for (var laneEvents : byLane.values()) {
            work.add(() -> {
                recordLane(laneEvents);
                return laneEvents.size();
            });
        }
        try {
            for (var f : lanes.invokeAll(work)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return taken;
    }

    /**
     * Records one lane's events in transactions of up to {@link #CHUNK}: each chunk locks its
     * requests with one statement, decides every event in memory, and writes each request once
     * (see {@link Outcomes#applyAll}); a statement per event was the dispatcher's limit.
     * If a chunk fails, its events are recorded one by one.
     */
    private void recordLane(java.util.List<ChannelEvent> laneEvents) {
        for (int i = 0; i < laneEvents.size(); i += CHUNK) {
            var chunk = laneEvents.subList(i, Math.min(laneEvents.size(), i + CHUNK));
            var applied = new java.util.ArrayList<Change>();
            try {
                transactions.executeWithoutResult(status -> applied.addAll(recordChunk(chunk)));
                chunk.forEach(this::committed);
            } catch (RuntimeException e) {
                log.warn(
                        "Recording {} channel events together failed ({}); recording them one by one",
                        chunk.size(),
                        e.toString());
                metrics.recordedOneByOne();
                applied.clear();
                for (int j = 0; j < chunk.size(); j++) {
                    ChannelEvent one = chunk.get(j);
                    try {
                        transactions.executeWithoutResult(status -> {
                            Change c = recordOne(one);
                            if (c != null) {
                                applied.add(c);
                            }
                        });
                        committed(one);
                    } catch (RuntimeException failed) {
                        if (!StoreTrouble.is(failed)) {
                            // One bad event must not cost the rest of the lane; its request is
                            // taken back when its lease runs out.
                            log.error("Could not record {}: {}", one, failed.toString());
                            continue;
                        }
                        // The store is away: keep this lane's events, in order, for a later tick.
                        // Dropped, they would leave their requests in flight for good.
                        events.addAll(laneEvents.subList(i + j, laneEvents.size()));
                        applied.forEach(this::count);
                        return;
                    }
                }
            }
            applied.forEach(this::count);
        }
    }

    private java.util.List<Change> recordChunk(java.util.List<ChannelEvent> chunk) {
        var ids = new java.util.TreeSet<Long>();
        chunk.forEach(e -> ids.add(e.requestId()));
        Map<Long, RequestState> states = lifecycle.lockAll(ids);
        var batchesSeen = new java.util.HashMap<Long, Optional<Batch>>();
        var changes = new java.util.ArrayList<Change>();
        var detailed = new java.util.ArrayList<Map.Entry<ChannelEvent, Change>>();
        for (ChannelEvent e : chunk) {
            RequestState state = states.get(e.requestId());
            Change c = state == null ? null : decider.decide(state, e, batchesSeen);
            if (c != null) {
                changes.add(c);
                detailed.add(Map.entry(e, c));
                states.put(e.requestId(), c.after());
            }
        }
        lifecycle.applyAll(changes);
        detailed.forEach(d -> noteDetail(d.getKey(), d.getValue()));
        return changes;
    }

    private @Nullable Change recordOne(ChannelEvent e) {
        Optional<RequestState> locked = lifecycle.lock(e.requestId());
        if (locked.isEmpty()) {
            return null;
        }
        Change c = decider.decide(locked.get(), e, new java.util.HashMap<>());
        if (c == null) {
            return null;
        }
        if (!lifecycle.apply(c)) {
            return null;
        }
        noteDetail(e, c);
        return c;
    }

    private void count(Change c) {
        if (c.attemptOutcome() != null) {
            metrics.outcome(c.attemptOutcome(), c.toChannel());
        }
    }

    /** Once an attempt's last event is stored, its lease needs no renewal. */
    private void committed(ChannelEvent e) {
        if (e.ended()) {
            inFlight.ended(e.requestId());
        }
    }

    /** The channel refused the target for good. */
    void refused(ClaimedRequest c, @Nullable String why) {
        on(new ChannelEvent(c.id(), c.attemptNo(), "", ChannelManagerStatus.INVALID, true, clock.instant(), why));
    }

    /** Starting the attempt failed on our side: it ends UNEXPECTED_ERROR with the error as its detail. */
    void unexpected(ClaimedRequest c, RuntimeException e) {
        String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        on(new ChannelEvent(
                c.id(), c.attemptNo(), "", ChannelManagerStatus.UNEXPECTED_ERROR, true, clock.instant(), why));
    }

    /** The channel never took the attempt: it is voided and the request waits again. */
    void notStarted(ClaimedRequest c) {
        transactions.executeWithoutResult(status -> lifecycle
                .lock(c.id())
                .filter(s -> s.status() == RequestStatus.INITIATED && s.attemptCount() == c.attemptNo())
                .ifPresent(s -> lifecycle.voidAttempt(s, c.attemptNo(), clock.instant())));
    }

    /** Keeps what the channel said about an attempt that ended (e.g. why a provider refused it). */
    private void noteDetail(ChannelEvent e, Change c) {
        if (c.attemptOutcome() != null && e.detail() != null && !e.detail().isBlank()) {
            lifecycle.noteDetail(e.requestId(), e.attemptNo(), e.detail());
        }
    }
}
