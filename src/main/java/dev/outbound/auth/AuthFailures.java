package dev.outbound.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.outbound.api.TooManyRequests;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Counts failed authentication per client address, so nobody can guess keys (API or console
 * sign-in) at the speed of the network. A bucket per address holds {@code limit} failures and
 * refills over the window; an address whose bucket is empty is refused before its key is even
 * looked up. In this node's memory only, bounded in size.
 */
@Component
class AuthFailures {
    /** Far more addresses than fail at once in normal use; the least recently seen goes first. */
    private static final int MAX_ADDRESSES = 100_000;

    private final AuthFailureProperties properties;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    AuthFailures(AuthFailureProperties properties, Clock clock) {
        this.properties = properties;
        this.time = new ClockTimeMeter(clock);
        Duration idle = properties.window().isPositive() ? properties.window() : Duration.ofMinutes(1);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_ADDRESSES)
                .expireAfterAccess(idle)
                .build();
    }

    /** Refuses an address that has used up its failures, with the wait until it may try again. */
    void check(String address) {
        if (off(address)) {
            return;
        }
        Bucket bucket = buckets.getIfPresent(address);
        if (bucket != null && bucket.getAvailableTokens() < 1) {
            long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
            throw new TooManyRequests(
                    "Too many failed sign-ins from this address; retry after " + seconds + " s", seconds);
        }
    }

    /** Takes one failure from the address's allowance. */
    void failed(String address) {
        if (off(address)) {
            return;
        }
        buckets.get(address, a -> newBucket()).tryConsume(1);
    }

    private boolean off(String address) {
        return properties.limit() <= 0
                || !properties.window().isPositive()
                || (properties.exemptLoopback() && loopback(address));
    }

    /** The container gives the peer as a literal address, so text is enough: never a name lookup. */
    private static boolean loopback(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (a.startsWith("::ffff:")) {
            a = a.substring(7);
        }
        return a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1");
    }

    private Bucket newBucket() {
        long limit = properties.limit();
        return Bucket.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, properties.window()))
                .withCustomTimePrecision(time)
                .build();
    }
}
