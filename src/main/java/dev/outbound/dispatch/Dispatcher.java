package dev.outbound.dispatch;

import dev.outbound.batch.BatchDispatch;
import dev.outbound.batch.DialableBatch;
import dev.outbound.channel.Channels;
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
 * One dispatch tick, as a sequence of small steps: collect channel events → which modes' channels
 * take attempts → record outcomes → keep leases and reclaim dead claims → expire batches → take allowance → claim due requests
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
    private final ClaimStep claim;
    private final DeliverStep deliver;
    private final DispatchMetrics metrics;
    private final Lanes lanes;
    private final ChannelReadiness readiness;
    private volatile @org.jspecify.annotations.Nullable Instant lastTick;
    /** Batches whose allowance and claims go together in one transaction. */
    private static final int BATCHES_PER_CLAIM = 50;
    /** A gap longer than this (the node was stopped) is not made up with a burst. */
    private static final Duration MAX_BANK = Duration.ofMinutes(1);

    Dispatcher(
            Clock clock,
            Channels channels,
            OutcomeRecorder recorder,
            LeaseKeeper leases,
            BatchDispatch batches,
            AllowanceStep allowance,
            ClaimStep claim,
            DeliverStep deliver,
            DispatchMetrics metrics,
            Lanes lanes,
            ChannelReadiness readiness) {
        this.clock = clock;
        this.channels = channels;
        this.recorder = recorder;
        this.leases = leases;
        this.batches = batches;
        this.allowance = allowance;
        this.claim = claim;
        this.deliver = deliver;
        this.metrics = metrics;
        this.lanes = lanes;
        this.readiness = readiness;
    }

    /** Runs one tick; answers the number of attempts started. */
    public int tick() {
        long start = System.nanoTime();
        Instant now = clock.instant();
        channels.poll(now);
        readiness.refresh();
        recorder.drain();
        leases.run(now);
        batches.expireDue(100);
        Duration sinceLastTick = lastTick == null ? Duration.ZERO : Duration.between(lastTick, now);
        if (sinceLastTick.compareTo(MAX_BANK) > 0 || sinceLastTick.isNegative()) {
            sinceLastTick = Duration.ZERO;
        }
        lastTick = now;
        Duration bank = sinceLastTick;
        // Due batches go in groups: each group's allowance and claims take one transaction, and
        // groups run side by side, as each is mostly waiting on the database.
        List<DialableBatch> due = allowance.candidates();
        List<Callable<Integer>> work = new ArrayList<>();
        for (int from = 0; from < due.size(); from += BATCHES_PER_CLAIM) {
            var group = due.subList(from, Math.min(due.size(), from + BATCHES_PER_CLAIM));
            work.add(() -> claimAndDeliver(group, now, bank));
        }
        int started = 0;
        for (Future<Integer> f : invokeAll(work)) {
            started += join(f);
        }
        recorder.drain();
        metrics.tickTook(Duration.ofNanos(System.nanoTime() - start));
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

    private int claimAndDeliver(List<DialableBatch> group, Instant now, Duration bank) {
        var grants = new ArrayList<Grant>();
        for (DialableBatch batch : group) {
            Grant grant = allowance.grant(batch, now, bank);
            if (grant != null) {
                grants.add(grant);
                if (batch.nextAttemptAt() != null) {
                    metrics.lag(Duration.between(batch.nextAttemptAt(), now));
                }
            }
        }
        List<ClaimStep.Claim> claims = claim.claim(grants, now);
        deliver.deliver(claims);
        return claims.stream().mapToInt(c -> c.requests().size()).sum();
    }
}
