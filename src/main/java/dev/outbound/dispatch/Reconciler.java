package dev.outbound.dispatch;

import dev.outbound.batch.Batch;
import dev.outbound.batch.BatchDispatch;
import dev.outbound.campaign.CampaignNotFound;
import dev.outbound.channel.Channel;
import dev.outbound.channel.ChannelAttempt;
import dev.outbound.channel.ChannelEvent;
import dev.outbound.channel.ChannelLookup;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.channel.Channels;
import dev.outbound.channel.Mode;
import dev.outbound.request.Claims;
import dev.outbound.request.InFlightAttempt;
import dev.outbound.request.Outcomes;
import dev.outbound.request.RequestStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Never twice, never lost: for channels that can say what became of an attempt ({@link
 * Channel#reconciles()}), an attempt whose node died, or that has had no news for {@code
 * OUTBOUND_RECONCILE_AFTER}, is settled by asking the provider. A call that was placed is
 * recorded as the provider reports it (and this node takes over its lease while it goes on); an
 * attempt of a dead node that was never placed is voided, so the request is dialled again.
 */
@Component
class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final TypeReference<Map<String, String>> VARIABLES = new TypeReference<>() {};
    private final Claims lifecycle;
    private final Outcomes outcomes;
    private final Channels channels;
    private final BatchDispatch batches;
    private final RulesCache rules;
    private final OutcomeRecorder recorder;
    private final NodeName node;
    private final Duration lease;
    private final Duration after;
    private final Duration horizon;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final InFlight inFlight;
    private final DispatchMetrics metrics;
    /** Request id → when this node may ask the provider about it again. */
    private final Map<Long, Instant> nextAsk = new ConcurrentHashMap<>();

    Reconciler(
            Claims lifecycle,
            Outcomes outcomes,
            Channels channels,
            BatchDispatch batches,
            RulesCache rules,
            OutcomeRecorder recorder,
            NodeName node,
            DispatchProperties dispatch,
            ReconcileProperties reconcile,
            TransactionTemplate transactions,
            JsonMapper json,
            InFlight inFlight,
            DispatchMetrics metrics) {
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.lifecycle = lifecycle;
        this.outcomes = outcomes;
        this.channels = channels;
        this.batches = batches;
        this.rules = rules;
        this.recorder = recorder;
        this.node = node;
        this.lease = dispatch.lease();
        this.after = reconcile.after();
        this.horizon = reconcile.horizon();
        this.transactions = transactions;
        this.json = json;
    }

    /**
     * A claim whose lease ran out. Answers false when its channel cannot reconcile: the caller
     * takes it back the old way.
     */
    boolean lost(long requestId, Instant now) {
        if (waiting(requestId, now)) {
            return true; // only requests of reconciling channels are waited for
        }
        Optional<InFlightAttempt> found = lifecycle.inFlight(requestId);
        if (found.isEmpty()) {
            return false;
        }
        InFlightAttempt a = found.get();
        Mode mode = mode(a);
        if (mode == null || !channels.forMode(mode).reconciles()) {
            return false;
        }
        if (a.startedAt().plus(after).isAfter(now)) {
            nextAsk.put(requestId, a.startedAt().plus(after));
            return true; // a start may still be under way: ask once it cannot be
        }
        settle(a, mode, now, true);
        return true;
    }

    /** Asks about attempts that have had no news for too long, whoever holds them. */
    int stale(Instant now) {
        nextAsk.values().removeIf(t -> t.isBefore(now));
        if (java.util.Arrays.stream(Mode.values())
                .noneMatch(m -> channels.forMode(m).reconciles())) {
            return 0;
        }
        int asked = 0;
        for (long id : lifecycle.staleInFlight(now.minus(after), 100)) {
            if (waiting(id, now)) {
                continue;
            }
            Optional<InFlightAttempt> found = lifecycle.inFlight(id);
            Mode mode = found.map(this::mode).orElse(null);
            if (mode == null || !channels.forMode(mode).reconciles()) {
                continue;
            }
            boolean lost =
                    found.get().leaseUntil() == null || found.get().leaseUntil().isBefore(now);
            settle(found.get(), mode, now, lost);
            asked++;
        }
        return asked;
    }

    private void settle(InFlightAttempt a, Mode mode, Instant now, boolean lost) {
        Channel channel = channels.forMode(mode);
        Optional<ChannelLookup> answer = channel.lookup(attempt(a, mode), a.startedAt(), lost);
        nextAsk.put(a.id(), now.plus(after));
        metrics.reconcileAsked(answer.isPresent());
        if (answer.isEmpty()) {
            endPastHorizon(a, now, "the provider could not be asked");
            return; // the provider cannot tell now; ask again later
        }
        ChannelEvent latest = answer.get().latest();
        transactions.executeWithoutResult(status -> {
            var locked = outcomes.lock(a.id());
            if (locked.isEmpty()) {
                return;
            }
            var state = locked.get();
            boolean working = state.status() == RequestStatus.INITIATED || state.status() == RequestStatus.CONNECTED;
            if (!working || state.attemptCount() != a.attemptNo()) {
                return; // it moved on meanwhile
            }
            boolean stillLost = state.leaseUntil() == null || state.leaseUntil().isBefore(now);
            if (latest == null) {
                if (lost && stillLost && state.status() == RequestStatus.INITIATED) {
                    outcomes.voidAttempt(state, a.attemptNo(), now);
                    log.info("Reconciled request {} attempt {}: never placed, dialable again", a.id(), a.attemptNo());
                } else {
                    endPastHorizon(a, now, "the provider knows no such attempt");
                }
                return;
            }
            if (a.sid() == null && !latest.channelSid().isBlank()) {
                lifecycle.attachSid(a.id(), a.attemptNo(), latest.channelSid());
            }
            if (lost && stillLost && !latest.ended()) {
                lifecycle.handOver(a.id(), a.attemptNo(), node.get(), now.plus(lease));
                // This node now holds the lease; LeaseKeeper renews only what is in flight here.
                inFlight.started(a.id());
            }
            recorder.on(latest);
            log.info(
                    "Reconciled request {} attempt {}: the provider reports {}{}",
                    a.id(),
                    a.attemptNo(),
                    latest.status().wire(),
                    latest.ended() ? " (ended)" : "");
        });
    }

    /**
     * An attempt nobody can say anything about ends NO_OUTCOME once it is older than the horizon,
     * instead of holding its request (and the campaign's capacity) in flight for ever. The
     * recorder decides what follows, as for any attempt that did not reach the person.
     */
    private void endPastHorizon(InFlightAttempt a, Instant now, String why) {
        if (a.startedAt().plus(horizon).isAfter(now)) {
            return;
        }
        log.warn(
                "Request {} attempt {}: no outcome after {} ({}); ending it NO_OUTCOME",
                a.id(),
                a.attemptNo(),
                horizon,
                why);
        metrics.reconcileEndedNoOutcome();
        recorder.on(new ChannelEvent(
                a.id(),
                a.attemptNo(),
                a.sid() == null ? "" : a.sid(),
                ChannelManagerStatus.NO_OUTCOME,
                true,
                now,
                "no outcome from the provider within " + horizon + ": " + why));
    }

    private boolean waiting(long id, Instant now) {
        Instant next = nextAsk.get(id);
        return next != null && next.isAfter(now);
    }

    private @Nullable Mode mode(InFlightAttempt a) {
        Optional<Batch> batch = batches.byPk(a.batchPk());
        if (batch.isEmpty()) {
            return null;
        }
        try {
            return rules.rules(batch.get().organizationId(), batch.get().campaignId())
                    .mode();
        } catch (CampaignNotFound gone) {
            return null;
        }
    }

    private ChannelAttempt attempt(InFlightAttempt a, Mode mode) {
        return new ChannelAttempt(
                a.id(),
                a.attemptNo(),
                a.idempotencyKey(),
                mode,
                a.target(),
                null,
                json.readValue(a.variablesJson(), VARIABLES));
    }
}
