package dev.outbound.channel;

import java.time.Instant;

/**
 * {@code OUTBOUND_SIP_CPS} and {@code OUTBOUND_SIP_MAX_CALLS} across all nodes (see {@link
 * DatabaseSipPace}).
 */
interface SipPace {
    /** Takes a slot for call {@code callId} at {@code now}; false when the caller must wait. */
    boolean take(String callId, long requestId, int attemptNo, Instant now);

    /** The call ended: its place among the calls in progress is free. */
    void release(String callId);

    /** An attempt whose call is gone with its node: its place is free. */
    void forget(long requestId, int attemptNo);

    /** No limit: for tests of other behaviour. */
    SipPace UNLIMITED = new SipPace() {
        @Override
        public boolean take(String callId, long requestId, int attemptNo, Instant now) {
            return true;
        }

        @Override
        public void release(String callId) {}

        @Override
        public void forget(long requestId, int attemptNo) {}
    };
}
