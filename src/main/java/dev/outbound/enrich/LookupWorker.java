package dev.outbound.enrich;

import dev.outbound.request.LookupWork;
import dev.outbound.request.Requests;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Looks up, in the background, the line type of every waiting phone request that no lookup has
 * answered: uploads and API adds commit without waiting for it. Each pass takes the next page of
 * such requests by id after a cursor, answers each distinct number from the cache when fresh and
 * from Lookup otherwise (a few at a time), and stores the answers. A number whose lookup failed
 * (429, 5xx, network) keeps the cursor before it, so the next pass tries it again.
 */
@Component
public class LookupWorker implements org.springframework.beans.factory.DisposableBean {
    static final int PAGE = 200;
    private static final Logger log = LoggerFactory.getLogger(LookupWorker.class);

    private final LookupProperties properties;
    private final LookupClient client;
    private final NumberLookupRepository cache;
    private final Requests requests;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService pool;
    private long cursor;

    LookupWorker(
            LookupProperties properties,
            LookupClient client,
            NumberLookupRepository cache,
            Requests requests,
            TransactionTemplate transactions,
            Clock clock) {
        this.properties = properties;
        this.client = client;
        this.cache = cache;
        this.requests = requests;
        this.transactions = transactions;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(
                properties.lookupConcurrency(),
                Thread.ofVirtual().name("lookup-", 0).factory());
    }

    /** What one pass did: requests enriched, and distinct numbers whose lookup failed. */
    public record Pass(int enriched, int failed) {}

    /** One pass. Not for concurrent callers. */
    public synchronized Pass runOnce() {
        if (!properties.configured()) {
            return new Pass(0, 0);
        }
        List<LookupWork> page = requests.awaitingLookup(cursor, PAGE);
        if (page.isEmpty()) {
            return new Pass(0, 0);
        }
        Set<String> numbers = new LinkedHashSet<>();
        page.forEach(w -> numbers.add(w.e164()));
        Instant now = clock.instant();
        Map<String, LookupResult> answers =
                new LinkedHashMap<>(cache.fresh(numbers, now.minus(properties.lookupTtl())));
        numbers.removeAll(answers.keySet());
        Map<String, LookupResult> fetched = fetch(numbers, now);
        answers.putAll(fetched);
        int failed = numbers.size() - fetched.size();
        long stop = Long.MAX_VALUE;
        var done = new ArrayList<LookupWork>();
        for (LookupWork w : page) {
            if (answers.containsKey(w.e164())) {
                done.add(w);
            } else {
                stop = Math.min(stop, w.requestId());
            }
        }
        transactions.executeWithoutResult(status -> done.forEach(w -> {
            LookupResult r = answers.get(w.e164());
            if (r != null) {
                requests.enrich(w.requestId(), r.lineType(), r.payloadJson());
            }
        }));
        cursor = stop == Long.MAX_VALUE ? page.getLast().requestId() : Math.max(cursor, stop - 1);
        return new Pass(done.size(), failed);
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    /** Starts over from the first request: after a restart, or for tests. */
    synchronized void rewind() {
        cursor = 0;
    }

    private Map<String, LookupResult> fetch(Set<String> numbers, Instant now) {
        var futures = new LinkedHashMap<String, Future<LookupResult>>();
        for (String n : numbers) {
            futures.put(n, pool.submit(() -> client.lookup(n)));
        }
        var out = new LinkedHashMap<String, LookupResult>();
        futures.forEach((n, f) -> {
            LookupResult r = join(n, f);
            if (r != null) {
                cache.put(n, r, now);
                out.put(n, r);
            }
        });
        return out;
    }

    private static @Nullable LookupResult join(String number, Future<LookupResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            // The number itself is personal data: log its country code only.
            log.warn(
                    "Lookup of a {} number failed, will retry: {}",
                    number.substring(0, Math.min(3, number.length())),
                    e.getCause() == null ? e.toString() : e.getCause().getMessage());
            return null;
        }
    }
}
