package dev.outbound.dispatch;

import dev.outbound.batch.BatchDispatch;
import dev.outbound.batch.DialableBatch;
import dev.outbound.channel.Channels;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.RequestLifecycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.springframework.stereotype.Component;

/**
 * One dispatch tick, as a sequence of small steps: collect channel events → record outcomes →
 * keep leases and reclaim dead claims → expire batches → take allowance → claim due requests
 * (committed before any call) → deliver → record what came back at once. Every node runs ticks;
 * the database arbitrates, so ticks on several nodes never spend a slot or a request twice.
 */
@Component
public class Dispatcher {
    private final Clock clock;
    private final Channels channels;
    private final OutcomeRecorder recorder;
    private final LeaseKeeper leases;
    private final BatchDispatch batches;
    private final AllowanceStep allowance;
    private final RequestLifecycle lifecycle;
    private final DeliverStep deliver;
    private final FilterStep filter;
    private final DailyCapRepository caps;
    private final NodeName node;
    private final DispatchProperties properties;
    private final DispatchMetrics metrics;
    private final Lanes lanes;
    private volatile @org.jspecify.annotations.Nullable Instant lastTick;
    /** A gap longer than this (the node was stopped) is not made up with a burst. */
    private static final Duration MAX_BANK = Duration.ofMinutes(1);
    /** Claims per batch and tick when filters keep excluding what was claimed. */
    private static final int FILTER_ROUNDS = 4;

    Dispatcher(
            Clock clock,
            Channels channels,
            OutcomeRecorder recorder,
            LeaseKeeper leases,
            BatchDispatch batches,
            AllowanceStep allowance,
            RequestLifecycle lifecycle,
            DeliverStep deliver,
            FilterStep filter,
            DailyCapRepository caps,
            NodeName node,
            DispatchProperties properties,
            DispatchMetrics metrics,
            Lanes lanes) {
        this.clock = clock;
        this.channels = channels;
        this.recorder = recorder;
        this.leases = leases;
        this.batches = batches;
        this.allowance = allowance;
        this.lifecycle = lifecycle;
        this.deliver = deliver;
        this.filter = filter;
        this.caps = caps;
        this.node = node;
        this.properties = properties;
        this.metrics = metrics;
        this.lanes = lanes;
    }

    /** Runs one tick; answers the number of attempts started. */
    public int tick() {
        Instant now = clock.instant();
        channels.poll(now);
        recorder.drain();
        leases.run(now);
        batches.expireDue(100);
        // Batches are independent: their allowance, claims and deliveries run side by side, as
        // each is mostly waiting on the database.
        Duration sinceLastTick = lastTick == null ? Duration.ZERO : Duration.between(lastTick, now);
        if (sinceLastTick.compareTo(MAX_BANK) > 0 || sinceLastTick.isNegative()) {
            sinceLastTick = Duration.ZERO;
        }
        lastTick = now;
        Duration bank = sinceLastTick;
        List<Callable<Integer>> work = new ArrayList<>();
        for (DialableBatch batch : allowance.candidates()) {
            work.add(() -> {
                Grant grant = allowance.grant(batch, now, bank);
                return grant == null ? 0 : claimAndDeliver(grant, now);
            });
        }
        int started = 0;
        for (Future<Integer> f : invokeAll(work)) {
            started += join(f);
        }
        recorder.drain();
        return started;
    }

    private List<Future<Integer>> invokeAll(List<Callable<Integer>> work) {
        try {
            return lanes.invokeAll(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static int join(Future<Integer> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private int claimAndDeliver(Grant grant, Instant now) {
        if (grant.batch().nextAttemptAt() != null) {
            metrics.lag(Duration.between(grant.batch().nextAttemptAt(), now));
        }
        long start = System.nanoTime();
        List<ClaimedRequest> claimed = claimFiltered(grant, now);
        metrics.claimTook(Duration.ofNanos(System.nanoTime() - start));
        if (grant.capDay() != null) {
            caps.release(grant.rules().id(), grant.capDay(), grant.slots() - claimed.size());
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        batches.activate(grant.batch());
        metrics.attempted(claimed.size());
        deliver.deliver(grant, claimed);
        return claimed.size();
    }

    /**
     * Claims the grant's slots among requests its campaign's filters admit: a filtered request
     * gives its slot back, and the slot is claimed again (a few rounds at most), so filters do not
     * lower the dialling rate.
     */
    private List<ClaimedRequest> claimFiltered(Grant grant, Instant now) {
        var admitted = new ArrayList<ClaimedRequest>();
        int wanted = grant.slots();
        for (int round = 0; round < FILTER_ROUNDS && wanted > 0; round++) {
            List<ClaimedRequest> claimed = lifecycle.claim(
                    grant.batch().pk(), wanted, node.get(), now.plus(properties.lease()), grant.zones());
            List<ClaimedRequest> passed = filter.admit(grant, claimed);
            admitted.addAll(passed);
            wanted -= passed.size();
            if (passed.size() == claimed.size()) {
                break; // nothing filtered: either all slots are used or nothing else is due
            }
        }
        return admitted;
    }
}
