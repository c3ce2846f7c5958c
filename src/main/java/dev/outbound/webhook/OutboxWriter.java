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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
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
        Optional<ResultRow> row = requests.snapshot(change.requestId());
        if (row.isEmpty()) {
            return;
        }
        for (Hook h : matching) {
            int seq = events.nextSeq(h.id(), change.requestId());
            String eventId = UUID.randomUUID().toString();
            String body =
                    Payload.of(mapper, eventId, seq, h.id(), batch.campaignId(), batch.batchId(), change, row.get());
            events.insert(
                    eventId,
                    h.id(),
                    batch.campaignId(),
                    change.requestId(),
                    seq,
                    change.toChannel(),
                    body,
                    change.at());
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
