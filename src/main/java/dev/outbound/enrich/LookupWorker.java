package dev.outbound.enrich;

import dev.outbound.batch.BatchDispatch;
import dev.outbound.campaign.CampaignNotFound;
import dev.outbound.campaign.Campaigns;
import dev.outbound.request.LookupWork;
import dev.outbound.request.Requests;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 *
 * <p>Ids are allocated before an upload commits, so a long upload can commit rows below a cursor
 * that already moved past them (another upload or an API add committed first). When a pass finds
 * nothing and the last rescan is {@link #RESCAN} old, the cursor starts over from the first
 * request: such rows wait at most that long (the filter grace covers it), and an idle service
 * scans the table once per {@link #RESCAN}, not once per pass.
 *
 * <p>Lookup is paid per number, so only requests of a campaign whose filters read its answer are
 * looked up; the others are passed over (a campaign that gains a filter later is caught by the
 * next rescan). A tenant's unfiltered list of millions costs nothing.
 */
@Component
public class LookupWorker implements org.springframework.beans.factory.DisposableBean {
    static final int PAGE = 200;
    static final java.time.Duration RESCAN = java.time.Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(LookupWorker.class);

    private final LookupProperties properties;
    private final LookupClient client;
    private final NumberLookupRepository cache;
    private final Requests requests;
    private final BatchDispatch batches;
    private final Campaigns campaigns;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService pool;
    private long cursor;
    private @Nullable Instant rescanned;

    LookupWorker(
            LookupProperties properties,
            LookupClient client,
            NumberLookupRepository cache,
            Requests requests,
            BatchDispatch batches,
            Campaigns campaigns,
            TransactionTemplate transactions,
            Clock clock) {
        this.properties = properties;
        this.client = client;
        this.cache = cache;
        this.requests = requests;
        this.batches = batches;
        this.campaigns = campaigns;
        this.transactions = transactions;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(
                properties.lookupConcurrency(),
                Thread.ofVirtual().name("lookup-", 0).factory());
    }

    /**
     * What one pass did: requests enriched, distinct numbers whose lookup failed, and requests read
     * (enriched, failed, or passed over because their campaign does not filter).
     */
    public record Pass(int enriched, int failed, int scanned) {}

    /** One pass. Not for concurrent callers. */
    public synchronized Pass runOnce() {
        if (!properties.configured()) {
            return new Pass(0, 0, 0);
        }
        Instant now = clock.instant();
        Instant lastScan = rescanned == null ? now : rescanned; // the first pass starts at the first row
        rescanned = lastScan;
        long top = requests.maxRequestId();
        List<LookupWork> page = requests.awaitingLookup(cursor, PAGE);
        if (page.isEmpty()) {
            if (cursor > 0 && !now.isBefore(lastScan.plus(RESCAN))) {
                cursor = 0; // the next pass rescans from the first request
                rescanned = now;
            } else {
                // Nothing after the cursor among the rows visible at top: start there next time.
                cursor = Math.max(cursor, top);
            }
            return new Pass(0, 0, 0);
        }
        List<LookupWork> wanted = filtered(page);
        Set<String> numbers = new LinkedHashSet<>();
        wanted.forEach(w -> numbers.add(w.e164()));
        Map<String, LookupResult> answers =
                new LinkedHashMap<>(cache.fresh(numbers, now.minus(properties.lookupTtl())));
        numbers.removeAll(answers.keySet());
        Map<String, LookupResult> fetched = fetch(numbers, now);
        answers.putAll(fetched);
        int failed = numbers.size() - fetched.size();
        long stop = Long.MAX_VALUE;
        var done = new ArrayList<LookupWork>();
        for (LookupWork w : wanted) {
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
        if (stop != Long.MAX_VALUE) {
            cursor = Math.max(cursor, stop - 1);
        } else if (page.size() < PAGE) {
            cursor = Math.max(page.getLast().requestId(), top);
        } else {
            cursor = page.getLast().requestId();
        }
        return new Pass(done.size(), failed, page.size());
    }

    /** The requests of the page whose campaign filters; each batch is asked about once. */
    private List<LookupWork> filtered(List<LookupWork> page) {
        var filtering = new HashMap<Long, Boolean>();
        var wanted = new ArrayList<LookupWork>();
        for (LookupWork w : page) {
            Boolean known = filtering.get(w.batchPk());
            boolean filters = known != null ? known : filters(w.batchPk());
            filtering.put(w.batchPk(), filters);
            if (filters) {
                wanted.add(w);
            }
        }
        return wanted;
    }

    /** Whether the campaign of this batch has filters that read the lookup's answer. */
    private boolean filters(long batchPk) {
        return batches.byPk(batchPk)
                .map(b -> {
                    try {
                        return TargetFilter.of(campaigns
                                        .rules(b.organizationId(), b.campaignId())
                                        .targeting())
                                .active();
                    } catch (CampaignNotFound e) {
                        return false;
                    }
                })
                .orElse(false);
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
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
