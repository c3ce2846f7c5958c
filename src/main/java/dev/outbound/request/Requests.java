package dev.outbound.request;

import dev.outbound.api.Conflict;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.channel.Mode;
import dev.outbound.store.Dialect;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
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
    private final StatusCountRepository counters;
    private final AttemptRepository attempts;
    private final Targets targets;
    private final Dialect dialect;
    private final DataSource dataSource;
    private final Clock clock;
    private final BulkChangeEvents bulkEvents;

    Requests(
            RequestRepository requests,
            StatusCountRepository counters,
            AttemptRepository attempts,
            Targets targets,
            Dialect dialect,
            DataSource dataSource,
            Clock clock,
            BulkChangeEvents bulkEvents) {
        this.bulkEvents = bulkEvents;
        this.requests = requests;
        this.counters = counters;
        this.attempts = attempts;
        this.targets = targets;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Targets targets() {
        return targets;
    }

    /**
     * Adds one request, validated like a CSV row: a target that is not valid is stored as
     * INVALID. A reference id already in the batch is a 409.
     */
    @Transactional
    public RequestStatus add(
            long batchPk, Mode mode, boolean recipientHours, String referenceId, String target, String variablesJson) {
        if (requests.referenceExists(batchPk, referenceId)) {
            throw new Conflict("reference_id '" + referenceId + "' is already in this batch");
        }
        Target normalized = targets.normalize(target, mode);
        RequestStatus status = normalized.valid() ? RequestStatus.PENDING : RequestStatus.INVALID;
        try {
            requests.insert(
                    batchPk,
                    referenceId,
                    0,
                    normalized,
                    variablesJson,
                    status,
                    status.name(),
                    clock.instant(),
                    recipientHours && normalized.valid() && mode != Mode.EMAIL
                            ? RecipientZones.columnFor(normalized.value())
                            : null);
        } catch (DuplicateKeyException e) {
            throw new Conflict("reference_id '" + referenceId + "' is already in this batch");
        }
        counters.add(batchPk, Map.of(CountKey.of(status, status.name()), 1L));
        return status;
    }

    /**
     * Removes reference ids from a batch. Never-attempted requests leave it; attempted ones
     * waiting for a retry are canceled; attempted ones in progress or final stay as history.
     */
    @Transactional
    public RemovalResult remove(long batchPk, List<String> referenceIds) {
        var ids = new ArrayList<>(new LinkedHashSet<>(referenceIds));
        Instant now = clock.instant();
        long removed = 0;
        long canceled = 0;
        var seen = new java.util.HashSet<String>();
        var kept = new LinkedHashSet<String>();
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
            requests.states(batchPk, chunk).forEach(s -> seen.add(s.referenceId()));
            var deleted = requests.deleteNeverAttempted(batchPk, chunk);
            var watched = bulkEvents.before(
                    batchPk, ChannelManagerStatus.CANCELED, () -> requests.lockWaiting(batchPk, chunk));
            var cancel = requests.cancelWaiting(batchPk, chunk, now);
            bulkEvents.after(watched, batchPk, RequestStatus.CANCELED, ChannelManagerStatus.CANCELED, now);
            removed += sum(deleted);
            canceled += sum(cancel);
            var deltas = new HashMap<CountKey, Long>();
            deleted.forEach((k, n) -> deltas.merge(k, -n, Long::sum));
            cancel.forEach((k, n) -> {
                deltas.merge(k, -n, Long::sum);
                deltas.merge(new CountKey(RequestStatus.CANCELED.name(), "CANCELED"), n, Long::sum);
            });
            counters.add(batchPk, deltas);
            requests.states(batchPk, chunk).forEach(s -> kept.add(s.referenceId()));
        }
        List<String> notFound = ids.stream().filter(id -> !seen.contains(id)).toList();
        return new RemovalResult(removed, canceled, List.copyOf(kept), notFound);
    }

    /** Cancels every request of the batch that is still waiting; answers how many. */
    @Transactional
    public long cancelPending(long batchPk) {
        Instant now = clock.instant();
        var watched = bulkEvents.before(batchPk, ChannelManagerStatus.CANCELED, () -> requests.lockPending(batchPk));
        var moved = requests.cancelPending(batchPk, now);
        bulkEvents.after(watched, batchPk, RequestStatus.CANCELED, ChannelManagerStatus.CANCELED, now);
        var deltas = new HashMap<CountKey, Long>();
        moved.forEach((k, n) -> {
            deltas.merge(k, -n, Long::sum);
            deltas.merge(new CountKey(RequestStatus.CANCELED.name(), "CANCELED"), n, Long::sum);
        });
        counters.add(batchPk, deltas);
        return sum(moved);
    }

    /** Stored enrichment of these requests (one query; call with a claim's worth of ids). */
    public List<Enrichment> enrichment(java.util.Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : requests.enrichment(ids);
    }

    /** Waiting phone requests after {@code afterId}, in id order, that no lookup has answered yet. */
    public List<LookupWork> awaitingLookup(long afterId, int limit) {
        return requests.awaitingLookup(afterId, limit);
    }

    /** The highest request id committed so far. */
    public long maxRequestId() {
        return requests.maxId();
    }

    /**
     * Stores a lookup's answer; a null line type keeps the one libphonenumber gave at ingest.
     * Changes no status, so no counter.
     */
    @Transactional
    public void enrich(long requestId, @org.jspecify.annotations.Nullable String lineType, String payloadJson) {
        requests.enrich(requestId, lineType, payloadJson);
    }

    public StatusCounts counts(long batchPk) {
        return StatusCounts.from(counters.read(batchPk));
    }

    /** Attempts started per hour (UTC), oldest first; hours without attempts are left out. */
    @Transactional(readOnly = true)
    public List<HourCount> attemptsPerHour(long batchPk) {
        return attempts.perHour(batchPk);
    }

    /** Streams results in insertion order; call inside a (read-only) transaction for cursor fetches. */
    public void results(long batchPk, ResultFilter filter, Consumer<ResultRow> sink) {
        requests.results(batchPk, filter, sink);
    }

    /** One page of results in insertion order, and how many match in all. */
    @Transactional(readOnly = true)
    public ResultPage resultPage(long batchPk, ResultFilter filter, long offset, int limit) {
        return new ResultPage(
                requests.resultPage(batchPk, filter, offset, limit), requests.resultCount(batchPk, filter));
    }

    /** Highest stored ordinal per reference id, for an upload to continue duplicate numbering. */
    public void existingReferences(long batchPk, Consumer<Map.Entry<String, Integer>> sink) {
        requests.maxOrdinals(batchPk, sink);
    }

    /** Opens a bulk load on the current transaction's connection. */
    public RequestLoad openLoad(long batchPk, boolean recipientHours) throws SQLException {
        var connection = DataSourceUtils.getConnection(dataSource);
        return new RequestLoad(
                dialect.bulkLoad(connection, "request", RequestRepository.LOAD_COLUMNS),
                batchPk,
                clock.instant(),
                counters,
                recipientHours);
    }

    private static long sum(Map<CountKey, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
