package dev.outbound.request.read;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Requests as the API, the console and webhooks show them, by batch primary key. */
@Service
public class RequestResults {
    private final ResultRepository results;
    private final Clock clock;

    RequestResults(ResultRepository results, Clock clock) {
        this.results = results;
        this.clock = clock;
    }

    /** The batch's counts by request status and channel status, as the contract shows them. */
    public StatusCounts counts(long batchPk) {
        return StatusCounts.from(results.counts(batchPk));
    }

    /** Streams results in insertion order; call inside a (read-only) transaction for cursor fetches. */
    public void results(long batchPk, ResultFilter filter, Consumer<ResultRow> sink) {
        results.results(batchPk, filter, sink);
    }

    /** One page of results in insertion order, and how many match in all. */
    @Transactional(readOnly = true)
    public ResultPage resultPage(long batchPk, ResultFilter filter, long offset, int limit) {
        return new ResultPage(results.resultPage(batchPk, filter, offset, limit), results.resultCount(batchPk, filter));
    }

    /** One request as the results show it now; read inside a status change's transaction. */
    public Optional<ResultRow> snapshot(long requestId) {
        return results.result(requestId);
    }

    /** {@link #snapshot} of many requests in one query (at most a thousand ids), by id. */
    public java.util.Map<Long, ResultRow> snapshots(java.util.Collection<Long> requestIds) {
        return results.results(requestIds);
    }

    public List<AttemptView> attempts(long batchPk, String referenceId) {
        return results.attempts(batchPk, referenceId);
    }

    /** Attempts started per hour (UTC), oldest first; hours without attempts are left out. */
    @Transactional(readOnly = true)
    public SequencedMap<Instant, Long> attemptsPerHour(long batchPk) {
        return results.perHour(batchPk);
    }

    /** The agent's report of the conversation; false when the reference id is not in the batch. */
    @Transactional
    public boolean report(
            long batchPk,
            String referenceId,
            @Nullable Long sessionId,
            @Nullable Long conversationId,
            @Nullable String insightsStatus,
            @Nullable String insightsJson) {
        return results.report(
                batchPk, referenceId, sessionId, conversationId, insightsStatus, insightsJson, clock.instant());
    }
}
