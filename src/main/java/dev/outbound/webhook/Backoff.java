package dev.outbound.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before retry {@code n} (1 = the first retry): {@code base * 2^(n-1)}, capped at
 * {@code max}, then "equal jitter" (half fixed, half random) so receivers coming back up are not
 * hit by every sender at the same instant.
 */
final class Backoff {
    private Backoff() {}

    static Duration delay(int retry, Duration base, Duration max) {
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long millis = Math.min(max.toMillis(), base.toMillis() << shift);
        if (millis <= 0) {
            millis = max.toMillis();
        }
        long half = millis / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
