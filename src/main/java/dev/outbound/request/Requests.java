package dev.outbound.request;

import dev.outbound.api.Conflict;
import dev.outbound.channel.Mode;
import dev.outbound.store.Dialect;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the rest of the service may do with requests, by batch primary key. Every status change
 * here moves the batch's counters in the same transaction.
 */
@Service
public class Requests {
    private static final int IN_CHUNK = 1000;
    private final RequestRepository requests;
    private final RequestStatusWriter writer;
    private final StatusCountRepository counters;
    private final LookupRepository lookups;
    private final Targets targets;
    private final Dialect dialect;
    private final DataSource dataSource;
    private final Clock clock;

    Requests(
            RequestRepository requests,
            RequestStatusWriter writer,
            StatusCountRepository counters,
            LookupRepository lookups,
            Targets targets,
            Dialect dialect,
            DataSource dataSource,
            Clock clock) {
        this.requests = requests;
        this.writer = writer;
        this.counters = counters;
        this.lookups = lookups;
        this.targets = targets;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Whether preparing rows on other threads can overlap a bulk load (see {@link Dialect#bulkLoadOffProcess()}). */
    public boolean bulkLoadOffProcess() {
        return dialect.bulkLoadOffProcess();
    }

    public Targets targets() {
        return targets;
    }

    /**
     * Adds one request, validated like a CSV row: a target that is not valid is stored as
     * INVALID. A reference id already in the batch is a 409. With {@code skipSamePerson} (the
     * campaign's duplicate_targets "skip"), a person (its {@code contactId}, else its target)
     * that a usable request of the batch already has makes it DUPLICATE with DUPLICATE_TARGET,
     * as an upload does; the caller holds the batch's lock, so two adds cannot both pass.
     */
    @Transactional
    public RequestStatus add(
            long batchPk,
            Mode mode,
            boolean recipientHours,
            String referenceId,
            String target,
            String variablesJson,
            boolean skipSamePerson,
            @Nullable String contactId,
            int priority) {
        if (requests.referenceExists(batchPk, referenceId)) {
            throw new Conflict("reference_id '" + referenceId + "' is already in this batch");
        }
        Target normalized = targets.normalize(target, mode);
        RequestStatus status = normalized.valid() ? RequestStatus.PENDING : RequestStatus.INVALID;
        String id = contactId == null || contactId.isBlank() ? null : contactId;
        String first = status == RequestStatus.PENDING && skipSamePerson
                ? requests.firstOfPerson(batchPk, normalized.value(), id == null ? null : json(id))
                        .orElse(null)
                : null;
        if (first != null) {
            status = RequestStatus.DUPLICATE;
        }
        var channel = RequestLoad.initialChannel(status);
        try {
            requests.insert(
                    batchPk,
                    referenceId,
                    0,
                    normalized,
                    variablesJson,
                    status,
                    channel,
                    clock.instant(),
                    recipientHours && normalized.valid() && mode != Mode.EMAIL
                            ? RecipientZones.columnFor(normalized.value())
                            : null,
                    first == null ? null : RequestReason.DUPLICATE_TARGET,
                    first == null
                            ? null
                            : (id == null ? "same target" : "same contact_id") + " as reference id " + first,
                    priority);
        } catch (DuplicateKeyException e) {
            throw new Conflict("reference_id '" + referenceId + "' is already in this batch");
        }
        counters.addAll(new Deltas().add(batchPk, new CountKey(status, channel), 1));
        return status;
    }

    /** {@code s} escaped as inside a JSON string, as the stored variables have it. */
    private static String json(String s) {
        var out = new StringBuilder(s.length() + 8);
        tools.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s, out);
        return out.toString();
    }

    /**
     * Removes reference ids from a batch. Never-attempted requests leave it; attempted ones
     * waiting for a retry are canceled; attempted ones in progress or final stay as history.
     */
    @Transactional
    public RemovalResult remove(long batchPk, List<String> referenceIds) {
        var ids = new ArrayList<>(new LinkedHashSet<>(referenceIds));
        long removed = 0;
        long canceled = 0;
        var seen = new HashSet<String>();
        var kept = new LinkedHashSet<String>();
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
            requests.states(batchPk, chunk).forEach(s -> seen.add(s.referenceId()));
            var deltas = new Deltas();
            for (var left : requests.deleteNeverAttempted(batchPk, chunk).entrySet()) {
                deltas.add(batchPk, left.getKey(), -left.getValue());
                removed += left.getValue();
            }
            counters.addAll(deltas);
            canceled += writer.bulk(BulkMove.CANCEL_REFERENCES, batchPk, Map.of("referenceIds", chunk));
            requests.states(batchPk, chunk).forEach(s -> kept.add(s.referenceId()));
        }
        List<String> notFound = ids.stream().filter(id -> !seen.contains(id)).toList();
        return new RemovalResult(removed, canceled, List.copyOf(kept), notFound);
    }

    /** Cancels every request of the batch that is still waiting; answers how many. */
    @Transactional
    public long cancelPending(long batchPk) {
        return writer.bulk(BulkMove.CANCEL_WAITING, batchPk, Map.of());
    }

    /**
     * At expiry: never-attempted requests are CANCELED and those waiting for a retry FAILED, in
     * the expiring transaction; answers how many changed.
     */
    @Transactional
    public long expire(long batchPk) {
        return writer.bulk(BulkMove.CANCEL_NEVER_ATTEMPTED, batchPk, Map.of())
                + writer.bulk(BulkMove.FAIL_RETRY_WAITING, batchPk, Map.of());
    }

    /** The distinct recipient time-zone sets among a batch's waiting requests ('' for unknown). */
    public List<String> pendingZoneSets(long batchPk) {
        return requests.pendingZoneSets(batchPk);
    }

    /** Stored enrichment of these requests (one query; call with a claim's worth of ids). */
    public List<Enrichment> enrichment(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : lookups.enrichment(ids);
    }

    /** Waiting phone requests after {@code afterId}, in id order, that no lookup has answered yet. */
    public List<LookupWork> awaitingLookup(long afterId, int limit) {
        return lookups.awaitingLookup(afterId, limit);
    }

    /** The highest request id committed so far. */
    public long maxRequestId() {
        return lookups.maxId();
    }

    /**
     * Stores a lookup's answer; a null line type keeps the one libphonenumber gave at ingest.
     * Changes no status, so no counter.
     */
    @Transactional
    public void enrich(long requestId, @Nullable String lineType, String payloadJson) {
        lookups.enrich(requestId, lineType, payloadJson);
    }

    /** Highest stored ordinal per reference id, for an upload to continue duplicate numbering. */
    public void existingReferences(long batchPk, Consumer<Map.Entry<String, Integer>> sink) {
        requests.maxOrdinals(batchPk, sink);
    }

    /**
     * Opens a bulk load on the current transaction's connection; {@code withReasons} when rows
     * may say why a rule decided them (e.g. duplicate_targets "skip").
     */
    public RequestLoad openLoad(long batchPk, boolean recipientHours, boolean withReasons) throws SQLException {
        return openLoad(batchPk, recipientHours, withReasons, false);
    }

    /** {@link #openLoad(long, boolean, boolean)} with a priority column when {@code withPriority}. */
    public RequestLoad openLoad(long batchPk, boolean recipientHours, boolean withReasons, boolean withPriority)
            throws SQLException {
        var connection = DataSourceUtils.getConnection(dataSource);
        return new RequestLoad(
                dialect.bulkLoad(connection, "request", RequestRepository.loadColumns(withReasons, withPriority)),
                batchPk,
                clock.instant(),
                counters,
                recipientHours,
                withReasons,
                withPriority);
    }
}
