package dev.outbound.channel;

import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code OUTBOUND_SIP_CPS} and {@code OUTBOUND_SIP_MAX_CALLS} across all nodes. Taking a slot
 * locks the trunk's {@code sip_pace} row, so nodes take slots one at a time: within that
 * transaction the next start instant is checked and moved on by {@code 1/cps}, the calls in
 * {@code sip_call} are counted, and the new call is added. A call's row goes when it ends.
 */
@Component
final class DatabaseSipPace implements SipPace {
    private final SipPaceRepository rows;
    private final TransactionTemplate transactions;
    private final String trunk;
    private final double cps;
    private final int maxCalls;
    private volatile boolean created;

    DatabaseSipPace(SipPaceRepository rows, TransactionTemplate transactions, SipProperties properties) {
        this.rows = rows;
        this.transactions = transactions;
        this.trunk = properties.trunk();
        this.cps = properties.cps();
        this.maxCalls = properties.maxCalls();
    }

    @Override
    public boolean take(String callId, long requestId, int attemptNo, Instant now) {
        if (cps <= 0 && maxCalls <= 0) {
            return true; // no limit: no need to count calls either
        }
        if (!created) {
            rows.create(trunk, now);
            created = true;
        }
        Boolean taken = transactions.execute(status -> {
            Instant next = rows.lock(trunk).orElse(now);
            if (cps > 0 && next.isAfter(now)) {
                return false;
            }
            if (maxCalls > 0 && rows.calls(trunk) >= maxCalls) {
                return false;
            }
            if (cps > 0) {
                rows.moveTo(trunk, now.plus(Duration.ofNanos((long) (1_000_000_000L / cps))));
            }
            rows.addCall(callId, trunk, requestId, attemptNo, now);
            return true;
        });
        return Boolean.TRUE.equals(taken);
    }

    @Override
    public void release(String callId) {
        rows.removeCall(callId);
    }

    @Override
    public void forget(long requestId, int attemptNo) {
        rows.removeAttempt(requestId, attemptNo);
    }
}
