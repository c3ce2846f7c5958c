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
 * A token bucket per API key, so one busy client cannot starve the others, and one per
 * organization, so an organization cannot multiply its allowance by making more keys. Buckets
 * live in this node's memory only: with N nodes behind a balancer a key may make up to N times
 * the rate.
 */
@Component
class KeyRateLimiter {
    private final Limit perKey;
    private final Limit perOrganization;

    KeyRateLimiter(RateLimitProperties properties, Clock clock) {
        TimeMeter time = new ClockMeter(clock);
        this.perKey = new Limit("this API key", properties.rateLimit(), properties.rateBurst(), time);
        this.perOrganization = new Limit(
                "this organization", properties.organizationRateLimit(), properties.organizationRateBurst(), time);
    }

    /**
     * Takes one request from the key's allowance and then from its organization's, or refuses
     * with the wait until the next one. The key's bucket goes first so that one key over its own
     * limit does not spend its organization's allowance.
     */
    void acquire(long keyId, long organizationId) {
        perKey.acquire(keyId);
        perOrganization.acquire(organizationId);
    }

    /** One rate over many ids. */
    private static final class Limit {
        /** Far more keys or organizations than any installation has; the least recently used go first. */
        private static final int MAX_IDS = 10_000;

        private final String who;
        private final long rate;
        private final long burst;
        private final TimeMeter time;
        // A bucket idle this long has refilled anyway, so dropping it loses nothing.
        private final Cache<Long, Bucket> buckets = Caffeine.newBuilder()
                .maximumSize(MAX_IDS)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();

        Limit(String who, long rate, long burst, TimeMeter time) {
            this.who = who;
            this.rate = Math.max(0, rate);
            this.burst = burst < 1 ? this.rate : burst;
            this.time = time;
        }

        void acquire(long id) {
            if (rate == 0) {
                return;
            }
            Bucket bucket = buckets.get(id, any -> newBucket());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
                throw new TooManyRequests(
                        "Rate limit exceeded: " + who + " may make " + rate + " requests per second (burst " + burst
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
