package dev.outbound.dispatch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongFunction;

/**
 * A bounded Caffeine cache whose entries are read again after a TTL measured on the injected
 * {@link Clock}, so that a test moving its clock moves expiry with it. An entry read at a later
 * instant than now (a test set the clock back) is read again rather than kept until the clock
 * catches up.
 */
final class ClockedCache<V> {
    private record Entry<V>(V value, Instant readAt) {}

    private final Clock clock;
    private final Cache<Long, Entry<V>> entries;

    ClockedCache(Clock clock, Duration ttl, long maximumSize) {
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .ticker(() -> nanos(clock.instant()))
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .build();
    }

    V get(long key, LongFunction<V> read) {
        Instant now = clock.instant();
        Entry<V> e = entries.get(key, k -> new Entry<>(read.apply(k), now));
        if (e.readAt().isAfter(now)) {
            e = new Entry<>(read.apply(key), now);
            entries.put(key, e);
        }
        return e.value();
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
