package dev.outbound.batch;

import dev.outbound.request.Requests;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** What the dispatcher may do to batches: read the dialable ones, take allowance, activate, expire. */
@Service
public class BatchDispatch {
    private final BatchRepository batches;
    private final BatchStatusWriter statuses;
    private final Requests requests;
    private final Clock clock;
    private final TransactionTemplate transactions;

    BatchDispatch(
            BatchRepository batches,
            BatchStatusWriter statuses,
            Requests requests,
            Clock clock,
            TransactionTemplate transactions) {
        this.batches = batches;
        this.statuses = statuses;
        this.requests = requests;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Batches not on hold, not expired, whose next slot is due. */
    public List<DialableBatch> dialable(int limit) {
        return batches.dialable(clock.instant(), limit);
    }

    /**
     * Moves each batch's next slot from where it was read to its {@code next}, in one round trip:
     * only the caller whose read was still current wins a batch. Batches go in the order of their keys,
     * so that two nodes never wait on each other's batch rows in opposite order; answers the
     * takes that won. Call inside the transaction that claims with them.
     */
    public List<AllowanceTake> takeAllowances(List<AllowanceTake> takes) {
        var ordered = takes.stream()
                .sorted(java.util.Comparator.comparingLong(t -> t.batch().pk()))
                .toList();
        boolean[] taken = batches.takeAllowances(ordered);
        var won = new java.util.ArrayList<AllowanceTake>();
        for (int i = 0; i < taken.length; i++) {
            if (taken[i]) {
                won.add(ordered.get(i));
            }
        }
        return won;
    }

    /** The first attempt turns a PENDING batch ACTIVE. */
    public void activate(DialableBatch batch) {
        if (batch.status() == BatchStatus.PENDING) {
            statuses.activate(batch.pk(), batch.status(), clock.instant());
        }
    }

    public void recordBaseline(DialableBatch batch, double rate) {
        batches.setBaseline(batch.pk(), rate);
    }

    /** The batch behind a request, for its campaign and expiry; empty if it vanished. */
    public java.util.Optional<Batch> byPk(long pk) {
        return batches.byPk(pk);
    }

    /**
     * The batches not yet ended (pending, active or on hold) of these campaigns and of these
     * organizations: those whose requests can be in progress. Either list may be empty.
     */
    public List<OpenBatch> openIn(java.util.Collection<Long> campaignIds, java.util.Collection<Long> organizationIds) {
        if (campaignIds.isEmpty() && organizationIds.isEmpty()) {
            return List.of();
        }
        // No id is negative: a placeholder keeps an empty list from being an empty IN ().
        return batches.openIn(
                campaignIds.isEmpty() ? List.of(-1L) : List.copyOf(campaignIds),
                organizationIds.isEmpty() ? List.of(-1L) : List.copyOf(organizationIds));
    }

    /** batch pk → organization id of every batch of these campaigns (deleted batches too: they were sent). */
    public java.util.Map<Long, Long> batchesOf(java.util.Collection<Long> campaignIds) {
        var out = new java.util.HashMap<Long, Long>();
        var ids = List.copyOf(campaignIds);
        for (int i = 0; i < ids.size(); i += 1000) {
            out.putAll(batches.ofCampaigns(ids.subList(i, Math.min(ids.size(), i + 1000))));
        }
        return out;
    }

    /** Expires every batch past its expires_on; answers how many. */
    public int expireDue(int limit) {
        int expired = 0;
        for (Batch b : batches.expiring(clock.instant(), limit)) {
            if (Boolean.TRUE.equals(transactions.execute(status -> expireOne(b)))) {
                expired++;
            }
        }
        return expired;
    }

    private boolean expireOne(Batch b) {
        if (!statuses.expire(b, clock.instant())) {
            return false;
        }
        requests.expire(b.pk());
        return true;
    }
}
