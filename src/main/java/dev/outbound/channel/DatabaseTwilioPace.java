package dev.outbound.channel;

import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * {@code OUTBOUND_TWILIO_CPS} across all nodes: one row per account holds the instant the next
 * call may be created; taking a slot moves it on by {@code 1/cps} in one conditional UPDATE, so
 * two nodes can never take the same slot.
 */
@Component
final class DatabaseTwilioPace implements TwilioPace {
    private final TwilioPaceRepository rows;
    private final String account;
    private final Duration interval;
    private volatile boolean created;

    DatabaseTwilioPace(TwilioPaceRepository rows, TwilioProperties properties) {
        this.rows = rows;
        this.account = properties.accountSid();
        double cps = properties.cps() > 0 ? properties.cps() : 1;
        this.interval = Duration.ofNanos((long) (1_000_000_000L / cps));
    }

    @Override
    public boolean take(Instant now) {
        ensureRow(now);
        return rows.take(account, now, now.plus(interval));
    }

    @Override
    public void holdUntil(Instant until) {
        ensureRow(until);
        rows.holdUntil(account, until);
    }

    private void ensureRow(Instant now) {
        if (!created) {
            rows.create(account, now);
            created = true;
        }
    }
}
