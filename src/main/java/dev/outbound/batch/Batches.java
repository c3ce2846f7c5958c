package dev.outbound.batch;

import dev.outbound.api.Conflict;
import dev.outbound.api.IllegalTransition;
import dev.outbound.api.InvalidInput;
import dev.outbound.api.ListQuery;
import dev.outbound.api.ListResponse;
import dev.outbound.auth.Caller;
import dev.outbound.campaign.CampaignNotFound;
import dev.outbound.campaign.Campaigns;
import dev.outbound.campaign.DuplicateTargets;
import dev.outbound.campaign.HoursIn;
import dev.outbound.channel.Mode;
import dev.outbound.request.RemovalResult;
import dev.outbound.request.RequestStatus;
import dev.outbound.request.Requests;
import dev.outbound.request.read.RequestResults;
import dev.outbound.store.Dialect;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Batch use cases, each in one transaction and always scoped to the caller's organization. */
@Service
public class Batches {
    /** The batch table's deleted_reason column. */
    private static final int MAX_DELETE_REASON = 2000;

    private final BatchRepository batches;
    private final BatchStatusWriter statuses;
    private final Campaigns campaigns;
    private final Requests requests;
    private final RequestResults results;
    private final Clock clock;
    private final Dialect dialect;

    Batches(
            BatchRepository batches,
            BatchStatusWriter statuses,
            Campaigns campaigns,
            Requests requests,
            RequestResults results,
            Clock clock,
            Dialect dialect) {
        this.results = results;
        this.batches = batches;
        this.statuses = statuses;
        this.campaigns = campaigns;
        this.requests = requests;
        this.clock = clock;
        this.dialect = dialect;
    }

    @Transactional
    BatchView create(Caller caller, BatchInput input) {
        try {
            campaigns.rules(caller.organizationId(), input.campaignId());
        } catch (CampaignNotFound e) {
            throw InvalidInput.of(
                    "Campaign " + input.campaignId() + " not found", "value_error", "body", "campaign_id");
        }
        if (batches.find(caller.organizationId(), input.batchId()).isPresent()) {
            throw new Conflict("A batch with batch_id '" + input.batchId() + "' already exists");
        }
        byte[] dispatch = new byte[16];
        ThreadLocalRandom.current().nextBytes(dispatch);
        try {
            batches.insert(
                    caller.organizationId(),
                    input.batchId(),
                    input.campaignId(),
                    input.paused(),
                    input.expiresOn(),
                    input.callRate(),
                    input.autoCallRate(),
                    HexFormat.of().formatHex(dispatch),
                    clock.instant(),
                    caller.userEmail());
        } catch (DuplicateKeyException e) {
            throw new Conflict("A batch with batch_id '" + input.batchId() + "' already exists");
        }
        return BatchView.of(find(caller, input.batchId()));
    }

    /** The batch, or {@link BatchNotFound}. */
    public Batch find(Caller caller, String batchId) {
        return batches.find(caller.organizationId(), batchId).orElseThrow(() -> new BatchNotFound(batchId));
    }

    /**
     * No transaction (each read sees the latest commit, as before), but one pooled connection for
     * both reads: a second checkout per GET made 32 concurrent callers spin in the pool's hand-off.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    BatchDetails details(Caller caller, String batchId) {
        Batch batch = find(caller, batchId);
        return BatchDetails.of(batch, results.counts(batch.pk()));
    }

    ListResponse<BatchView> list(Caller caller, ListQuery query, boolean includeDeleted) {
        var items = batches.list(caller.organizationId(), query, includeDeleted).stream()
                .map(BatchView::of)
                .toList();
        return ListResponse.of(items, query, batches.count(caller.organizationId(), query, includeDeleted));
    }

    @Transactional
    BatchView update(Caller caller, String batchId, BatchChanges changes) {
        Batch current = lock(caller, batchId);
        if (current.status() == BatchStatus.CANCELED || current.status() == BatchStatus.EXPIRED) {
            throw new Conflict("Batch " + batchId + " is " + current.status() + "; its settings can no longer change");
        }
        Batch changed = changes.applyTo(current);
        if (changed.autoCallRate() && changed.expiresOn() == null) {
            throw InvalidInput.of(
                    "auto_call_rate requires expires_on, set now or in this update",
                    "value_error",
                    "body",
                    "auto_call_rate");
        }
        BatchStatus to = holdStatus(current.status(), changed.paused());
        if (!statuses.changeSettings(changed, to, clock.instant(), caller.userEmail())) {
            throw new IllegalTransition("batch", current.status().name(), to.name());
        }
        return BatchView.of(find(caller, batchId));
    }

    /** Holding an active batch pauses it; releasing a paused one makes it active again. */
    private static BatchStatus holdStatus(BatchStatus status, boolean paused) {
        if (paused && status == BatchStatus.ACTIVE) {
            return BatchStatus.PAUSED;
        }
        if (!paused && status == BatchStatus.PAUSED) {
            return BatchStatus.ACTIVE;
        }
        return status;
    }

    @Transactional
    long delete(Caller caller, String batchId, String reason) {
        if (reason.length() > MAX_DELETE_REASON) {
            // Checked here, not per front end: the API and the console both delete through this.
            throw InvalidInput.of(
                    "String should have at most " + MAX_DELETE_REASON + " characters",
                    "string_too_long",
                    "body",
                    "delete_reason");
        }
        Batch current = lock(caller, batchId);
        if (current.status() == BatchStatus.CANCELED) {
            throw new Conflict("Batch " + batchId + " is already deleted");
        }
        if (!statuses.cancel(current, reason, clock.instant(), caller.userEmail())) {
            throw new IllegalTransition("batch", current.status().name(), BatchStatus.CANCELED.name());
        }
        return requests.cancelPending(current.pk());
    }

    @Transactional
    RequestStatus addRequest(Caller caller, String batchId, BatchBodies.NewRequest request, String variablesJson) {
        Batch batch = lockAccepting(caller, batchId);
        var rules = campaigns.rules(caller.organizationId(), batch.campaignId());
        RequestStatus status = requests.add(
                batch.pk(),
                rules.mode(),
                rules.hoursIn() == HoursIn.RECIPIENT,
                request.referenceId(),
                request.target(),
                variablesJson,
                rules.duplicateTargets() == DuplicateTargets.SKIP,
                request.variables().get("contact_id"),
                request.priority());
        if (status == RequestStatus.PENDING && request.priority() != 0) {
            prioritize(batch); // claimed by priority from now on, like an upload with priorities
        }
        return status;
    }

    @Transactional
    RemovalResult removeRequests(Caller caller, String batchId, List<String> referenceIds) {
        Batch batch = lockAccepting(caller, batchId);
        return requests.remove(batch.pk(), referenceIds);
    }

    private Batch lockAccepting(Caller caller, String batchId) {
        Batch batch = lock(caller, batchId);
        if (!batch.acceptsRequests()) {
            throw new Conflict(
                    "Batch " + batchId + " is " + batch.status() + " and no longer accepts changes to its requests");
        }
        return batch;
    }

    private Batch lock(Caller caller, String batchId) {
        return batches.lock(caller.organizationId(), batchId).orElseThrow(() -> new BatchNotFound(batchId));
    }

    /**
     * Locks the batch for an upload on the current transaction. The row lock is held until the
     * upload commits or rolls back, so a crash mid-upload simply releases it; a second upload at
     * the same time is refused at once rather than queued.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UploadTarget lockForUpload(Caller caller, String batchId) {
        Batch batch;
        try {
            batch = batches.lockNowait(caller.organizationId(), batchId).orElseThrow(() -> new BatchNotFound(batchId));
        } catch (PessimisticLockingFailureException e) {
            throw busy(batchId);
        } catch (org.springframework.jdbc.UncategorizedSQLException e) {
            // A lock error from NOWAIT may reach us untranslated (PostgreSQL's 55P03), e.g.
            // while a dispatcher on another node updates the batch row.
            var sql = e.getSQLException();
            if (sql != null && dialect.isLockNotAvailable(sql)) {
                throw busy(batchId);
            }
            throw e;
        }
        if (batch.uploaded()) {
            throw new Conflict("Batch " + batchId + " already has an uploaded call list (" + batch.uploadFilename()
                    + "); add or remove requests instead");
        }
        if (batch.status() != BatchStatus.PENDING && batch.status() != BatchStatus.FAILED) {
            throw new Conflict("Batch " + batchId + " is " + batch.status() + " and accepts no upload");
        }
        var rules = campaigns.rules(caller.organizationId(), batch.campaignId());
        return new UploadTarget(batch, rules.mode(), rules.hoursIn() == HoursIn.RECIPIENT, rules.duplicateTargets());
    }

    private static Conflict busy(String batchId) {
        return new Conflict("Batch " + batchId + " is busy: an upload or another change is in progress");
    }

    /** Records a successful upload in the upload's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void uploadSucceeded(Caller caller, Batch batch, String filename) {
        if (!statuses.uploadDone(batch, filename, clock.instant(), caller.userEmail())) {
            throw new IllegalTransition("batch", batch.status().name(), BatchStatus.PENDING.name());
        }
    }

    /**
     * Marks a batch whose call list gave some requests a priority: from then on its claims take
     * the highest priority first. Call in the upload's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void prioritize(Batch batch) {
        batches.prioritize(batch.pk());
    }

    /** Records a rejected upload, in its own transaction after the upload's rolled back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void uploadFailed(Caller caller, String batchId, String filename, String message) {
        Batch batch = lock(caller, batchId);
        if (batch.uploaded() || !BatchTransitions.allowed(batch.status(), BatchStatus.FAILED)) {
            return; // another upload got there first; its outcome stands
        }
        statuses.uploadFailed(batch, filename, message, clock.instant(), caller.userEmail());
    }

    /** A batch locked for upload and the mode its targets are read in. */
    public record UploadTarget(Batch batch, Mode mode, boolean recipientHours, DuplicateTargets duplicateTargets) {}
}
