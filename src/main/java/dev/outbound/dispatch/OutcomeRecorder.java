package dev.outbound.dispatch;

import dev.outbound.api.ChannelManagerStatus;
import dev.outbound.batch.Batch;
import dev.outbound.batch.BatchDispatch;
import dev.outbound.batch.BatchStatus;
import dev.outbound.campaign.CampaignNotFound;
import dev.outbound.channel.ChannelEvent;
import dev.outbound.channel.ChannelListener;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.RequestLifecycle;
import dev.outbound.request.RequestState;
import dev.outbound.request.RequestStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 4: records what channels report. Events are queued as they arrive (from any thread) and
 * applied one per transaction under the request's row lock. An event for an older attempt, or
 * one that would move a request backwards, changes nothing.
 */
@Component
class OutcomeRecorder implements ChannelListener {
    private static final int CHUNK = 100;
    private final Queue<ChannelEvent> events = new ConcurrentLinkedQueue<>();
    private final RequestLifecycle lifecycle;
    private final BatchDispatch batches;
    private final RulesCache rules;
    private final Hours hours;
    private final TransactionTemplate transactions;
    private final DispatchMetrics metrics;
    private final Clock clock;
    private final Lanes lanes;
    private final int parallelism;

    OutcomeRecorder(
            RequestLifecycle lifecycle,
            BatchDispatch batches,
            RulesCache rules,
            Hours hours,
            TransactionTemplate transactions,
            DispatchMetrics metrics,
            Clock clock,
            Lanes lanes,
            DispatchProperties properties) {
        this.lanes = lanes;
        this.parallelism = Math.max(1, properties.parallelism());
        this.lifecycle = lifecycle;
        this.batches = batches;
        this.rules = rules;
        this.hours = hours;
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
     * Records one lane's events in transactions of up to {@link #CHUNK}: one commit per event
     * was the dispatcher's limit. If a chunk fails, its events are recorded one by one.
     */
    private void recordLane(java.util.List<ChannelEvent> laneEvents) {
        for (int i = 0; i < laneEvents.size(); i += CHUNK) {
            var chunk = laneEvents.subList(i, Math.min(laneEvents.size(), i + CHUNK));
            try {
                transactions.executeWithoutResult(
                        status -> lifecycle.withDeferredCounters(() -> chunk.forEach(this::record)));
            } catch (RuntimeException e) {
                chunk.forEach(one -> transactions.executeWithoutResult(status -> record(one)));
            }
        }
    }

    /** The channel refused the target for good. */
    void refused(ClaimedRequest c, @Nullable String why) {
        on(new ChannelEvent(c.id(), c.attemptNo(), "", ChannelManagerStatus.INVALID, true, clock.instant(), why));
    }

    /** The channel never took the attempt: it is voided and the request waits again. */
    void notStarted(ClaimedRequest c) {
        transactions.executeWithoutResult(status -> lifecycle
                .lock(c.id())
                .filter(s -> s.status() == RequestStatus.INITIATED && s.attemptCount() == c.attemptNo())
                .ifPresent(s -> lifecycle.voidAttempt(s, c.attemptNo(), clock.instant())));
    }

    private void record(ChannelEvent e) {
        Optional<RequestState> locked = lifecycle.lock(e.requestId());
        if (locked.isEmpty()) {
            return;
        }
        RequestState state = locked.get();
        boolean inFlight = state.status() == RequestStatus.INITIATED || state.status() == RequestStatus.CONNECTED;
        if (!inFlight || state.attemptCount() != e.attemptNo()) {
            return; // an older attempt's event, or the request already moved on
        }
        String channel = e.status().wire();
        switch (Outcome.of(e.status(), e.ended())) {
            case PROGRESS -> {
                if (state.status() == RequestStatus.INITIATED && progress(channel) > progress(state.channelStatus())) {
                    lifecycle.apply(state, e.attemptNo(), RequestStatus.INITIATED, channel, null, null, e.at());
                }
            }
            case REACHED -> {
                if (!(state.status() == RequestStatus.CONNECTED
                        && state.channelStatus().equals(channel))) {
                    lifecycle.apply(state, e.attemptNo(), RequestStatus.CONNECTED, channel, null, null, e.at());
                }
            }
            case DONE -> finish(state, e, RequestStatus.COMPLETED, channel, "completed");
            case REFUSED -> finish(state, e, RequestStatus.FAILED, channel, "refused");
            case NOT_REACHED -> {
                if (state.status() == RequestStatus.CONNECTED) {
                    finish(state, e, RequestStatus.COMPLETED, channel, "completed");
                } else {
                    notReached(state, e, channel);
                }
            }
        }
    }

    private void noteDetail(ChannelEvent e) {
        if (e.detail() != null && !e.detail().isBlank()) {
            lifecycle.noteDetail(e.requestId(), e.attemptNo(), e.detail());
        }
    }

    /** How far along an attempt that has not reached anyone is; a late event never moves it back. */
    private static int progress(String channel) {
        return switch (channel) {
            case "ACCEPTED", "QUEUED" -> 1;
            case "SENDING" -> 2;
            case "SENT", "IN-PROGRESS" -> 3;
            default -> 0;
        };
    }

    private void finish(RequestState state, ChannelEvent e, RequestStatus to, String channel, String outcome) {
        if (lifecycle.apply(state, e.attemptNo(), to, channel, null, outcome, e.at())) {
            noteDetail(e);
            metrics.outcome(outcome, channel);
        }
    }

    private void notReached(RequestState state, ChannelEvent e, String channel) {
        Optional<Instant> retry = retryAt(state, e);
        if (retry.isPresent()) {
            if (lifecycle.apply(state, e.attemptNo(), RequestStatus.PENDING, channel, retry.get(), "retry", e.at())) {
                noteDetail(e);
                metrics.outcome("retry", channel);
            }
        } else {
            finish(state, e, RequestStatus.FAILED, channel, "failed");
        }
    }

    private Optional<Instant> retryAt(RequestState state, ChannelEvent e) {
        Optional<Batch> batch = batches.byPk(state.batchPk());
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        Batch b = batch.get();
        if (b.status() == BatchStatus.CANCELED || b.status() == BatchStatus.EXPIRED) {
            return Optional.empty();
        }
        try {
            var campaign = rules.rules(b.organizationId(), b.campaignId());
            return hours.retryAt(campaign, e.attemptNo(), e.at(), b.expiresOn(), state.timeZones());
        } catch (CampaignNotFound gone) {
            return Optional.empty();
        }
    }
}
