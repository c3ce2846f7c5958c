package dev.outbound.dispatch;

import dev.outbound.batch.BatchDispatch;
import dev.outbound.channel.Channels;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.RequestLifecycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    private final DailyCapRepository caps;
    private final NodeName node;
    private final DispatchProperties properties;
    private final DispatchMetrics metrics;

    Dispatcher(
            Clock clock,
            Channels channels,
            OutcomeRecorder recorder,
            LeaseKeeper leases,
            BatchDispatch batches,
            AllowanceStep allowance,
            RequestLifecycle lifecycle,
            DeliverStep deliver,
            DailyCapRepository caps,
            NodeName node,
            DispatchProperties properties,
            DispatchMetrics metrics) {
        this.clock = clock;
        this.channels = channels;
        this.recorder = recorder;
        this.leases = leases;
        this.batches = batches;
        this.allowance = allowance;
        this.lifecycle = lifecycle;
        this.deliver = deliver;
        this.caps = caps;
        this.node = node;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Runs one tick; answers the number of attempts started. */
    public int tick() {
        Instant now = clock.instant();
        channels.poll(now);
        recorder.drain();
        leases.run(now);
        batches.expireDue(100);
        int started = 0;
        for (Grant grant : allowance.grants(now)) {
            started += claimAndDeliver(grant, now);
        }
        recorder.drain();
        return started;
    }

    private int claimAndDeliver(Grant grant, Instant now) {
        if (grant.batch().nextAttemptAt() != null) {
            metrics.lag(Duration.between(grant.batch().nextAttemptAt(), now));
        }
        long start = System.nanoTime();
        List<ClaimedRequest> claimed = lifecycle.claim(
                grant.batch().pk(), grant.slots(), node.get(), now.plus(properties.lease()), grant.zones());
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
}
