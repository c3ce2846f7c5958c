package dev.outbound.webhook;

import dev.outbound.batch.Batch;
import dev.outbound.batch.BatchDispatch;
import dev.outbound.campaign.CampaignWebhooks;
import dev.outbound.campaign.CampaignWebhooksChanged;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.request.RequestStatusChanged;
import dev.outbound.request.StatusChangeInterest;
import dev.outbound.request.read.RequestResults;
import dev.outbound.request.read.ResultRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes outbox rows for every webhook whose {@code trigger_statuses} contain the channel status
 * a request just reached, on the thread and in the transaction of the change. The dispatcher
 * records thousands of changes a second, so a campaign without webhooks costs two map lookups:
 * a batch's campaign never changes, and each campaign's webhooks are cached until the campaign
 * is written on this node or, for writes on other nodes, for at most {@link #TTL_NANOS}.
 */
@Component
class OutboxWriter implements StatusChangeInterest {
    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_CACHED = 100_000;
    /** Most requests (and webhooks) one batched statement names. */
    private static final int MAX_IDS = 500;

    private final BatchDispatch batches;
    private final CampaignWebhooks webhooks;
    private final RequestResults requests;
    private final EventRepository events;
    private final JsonMapper mapper;
    private final ConcurrentHashMap<Long, BatchRef> batchRefs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Hooks> hooks = new ConcurrentHashMap<>();

    OutboxWriter(
            BatchDispatch batches,
            CampaignWebhooks webhooks,
            RequestResults requests,
            EventRepository events,
            JsonMapper mapper) {
        this.batches = batches;
        this.webhooks = webhooks;
        this.requests = requests;
        this.events = events;
        this.mapper = mapper;
    }

    private record BatchRef(long campaignId, String batchId) {}

    private record Hook(long id, Set<ChannelManagerStatus> triggers) {}

    private record Hooks(List<Hook> list, long loadedAt) {}

    @EventListener
    void on(RequestStatusChanged change) {
        if (!change.channelChanged()) {
            return;
        }
        BatchRef batch = batchRef(change.batchPk());
        if (batch == null) {
            return;
        }
        List<Hook> matching = hooks(batch.campaignId()).stream()
                .filter(h -> h.triggers().contains(change.toChannel()))
                .toList();
        if (matching.isEmpty()) {
            return;
        }
        var pending = new Pending(change, batch, matching);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(List.of(pending));
            return;
        }
        // Written just before the change's transaction commits, all of its events together: a
        // claim or a chunk of outcomes changes up to hundreds of requests, and three statements
        // per event (snapshot, sequence, insert) held the dispatcher to a crawl (measured: claims
        // took 1.8 s at 2,000 attempts/s with a webhook on every status). The request is as
        // this transaction leaves it, as before (changes were published after their writes).
        var buffer = (Buffer) TransactionSynchronizationManager.getResource(this);
        if (buffer == null) {
            buffer = new Buffer();
            TransactionSynchronizationManager.bindResource(this, buffer);
            TransactionSynchronizationManager.registerSynchronization(buffer);
        }
        buffer.pending.add(pending);
    }

    private record Pending(RequestStatusChanged change, BatchRef batch, List<Hook> hooks) {}

    /** One transaction's events, written before it commits (a failure rolls the change back). */
    private final class Buffer implements TransactionSynchronization {
        private final List<Pending> pending = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            for (int from = 0; from < pending.size(); from += MAX_IDS) {
                write(pending.subList(from, Math.min(pending.size(), from + MAX_IDS)));
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(OutboxWriter.this);
        }
    }

    /** Snapshots, sequence numbers and inserts for many changes in three round trips. */
    private void write(List<Pending> changes) {
        var requestIds = new TreeSet<Long>();
        var webhookIds = new TreeSet<Long>();
        for (Pending p : changes) {
            requestIds.add(p.change().requestId());
            p.hooks().forEach(h -> webhookIds.add(h.id()));
        }
        Map<Long, ResultRow> rows = requests.snapshots(requestIds);
        Map<EventRepository.SeqKey, Integer> seqs = new HashMap<>(events.lastSeqs(webhookIds, requestIds));
        var inserts = new ArrayList<EventRepository.NewEvent>();
        for (Pending p : changes) {
            RequestStatusChanged change = p.change();
            ResultRow row = rows.get(change.requestId());
            if (row == null) {
                continue;
            }
            for (Hook h : p.hooks()) {
                int seq = seqs.merge(new EventRepository.SeqKey(h.id(), change.requestId()), 1, Integer::sum);
                String eventId = UUID.randomUUID().toString();
                long campaignId = p.batch().campaignId();
                String body = Payload.of(
                        mapper, eventId, seq, h.id(), campaignId, p.batch().batchId(), change, row);
                inserts.add(new EventRepository.NewEvent(
                        eventId, h.id(), campaignId, change.requestId(), seq, change.toChannel(), body, change.at()));
            }
        }
        if (!inserts.isEmpty()) {
            events.insertAll(inserts);
        }
    }

    @Override
    public boolean wants(long batchPk, ChannelManagerStatus toChannel) {
        BatchRef batch = batchRef(batchPk);
        return batch != null
                && hooks(batch.campaignId()).stream().anyMatch(h -> h.triggers().contains(toChannel));
    }

    // After commit: invalidating earlier would let a concurrent reader cache the old webhooks again.
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(CampaignWebhooksChanged changed) {
        hooks.remove(changed.campaignId());
    }

    private @org.jspecify.annotations.Nullable BatchRef batchRef(long batchPk) {
        BatchRef ref = batchRefs.get(batchPk);
        if (ref == null) {
            Optional<Batch> b = batches.byPk(batchPk);
            if (b.isEmpty()) {
                return null;
            }
            ref = new BatchRef(b.get().campaignId(), b.get().batchId());
            if (batchRefs.size() >= MAX_CACHED) {
                batchRefs.clear();
            }
            batchRefs.put(batchPk, ref);
        }
        return ref;
    }

    private List<Hook> hooks(long campaignId) {
        long now = System.nanoTime();
        Hooks cached = hooks.get(campaignId);
        if (cached == null || now - cached.loadedAt() > TTL_NANOS) {
            var list = webhooks.triggerStatuses(campaignId).entrySet().stream()
                    .map(w -> new Hook(w.getKey(), Set.copyOf(w.getValue())))
                    .toList();
            cached = new Hooks(list, now);
            if (hooks.size() >= MAX_CACHED) {
                hooks.clear();
            }
            hooks.put(campaignId, cached);
        }
        return cached.list();
    }
}
