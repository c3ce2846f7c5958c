package dev.outbound.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.outbound.api.TooManyRequests;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * A token bucket per API key, so one busy client cannot starve the others. Buckets live in this
 * node's memory only: with N nodes behind a balancer a key may make up to N times the rate.
 */
@Component
class KeyRateLimiter {
    /** Far more keys than any installation has; the least recently used bucket goes first. */
    private static final int MAX_KEYS = 10_000;

    private final long rate;
    private final long burst;
    private final TimeMeter time;
    // A bucket idle this long has refilled anyway, so dropping it loses nothing.
    private final Cache<Long, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_KEYS)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    KeyRateLimiter(RateLimitProperties properties, Clock clock) {
        this.rate = Math.max(0, properties.rateLimit());
        this.burst = properties.rateBurst() < 1 ? rate : properties.rateBurst();
        this.time = new ClockMeter(clock);
    }

    /** Takes one request from the key's allowance, or refuses with the wait until the next one. */
    void acquire(long keyId) {
        if (rate == 0) {
            return;
        }
        Bucket bucket = buckets.get(keyId, id -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new TooManyRequests(
                    "Rate limit exceeded: this API key may make " + rate + " requests per second (burst " + burst
                            + "); retry after " + seconds + " s",
                    seconds);
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    /** Bucket4j time from the service's Clock, so tests move it instead of sleeping. */
    private record ClockMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
