package dev.outbound.channel;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import org.jspecify.annotations.Nullable;

/**
 * One attempt's SIP call: the INVITE to the callee through the trunk and, once answered, the
 * INVITE to the agent. Its fields are guarded by the call itself ({@code synchronized (call)}):
 * the stack delivers responses, requests and timeouts on its own threads, and the ring timer on
 * another.
 */
final class SipCall {
    final ChannelAttempt attempt;
    final ChannelListener listener;
    /** The Call-ID of the callee's leg: the attempt's sid. */
    final String callId;

    final String agentUri;
    final Instant startedAt;

    /** The callee's INVITE transaction now (a new one after a digest challenge). */
    @Nullable
    ClientTransaction invite;

    @Nullable
    Dialog callee;
    /** The CSeq of the callee's 200, which its ACK must carry. */
    long calleeCseq;

    @Nullable
    String agentCallId;

    @Nullable
    Dialog agent;

    @Nullable
    ScheduledFuture<?> ringTimer;

    boolean challenged;
    boolean ringing;
    boolean answered;
    boolean cancelled;
    boolean ended;
    ChannelEvent latest;

    SipCall(ChannelAttempt attempt, ChannelListener listener, String callId, String agentUri, Instant startedAt) {
        this.attempt = attempt;
        this.listener = listener;
        this.callId = callId;
        this.agentUri = agentUri;
        this.startedAt = startedAt;
        this.latest = event(ChannelManagerStatus.QUEUED, false, startedAt, null);
    }

    ChannelEvent event(ChannelManagerStatus status, boolean end, Instant at, @Nullable String detail) {
        return new ChannelEvent(attempt.requestId(), attempt.attemptNo(), callId, status, end, at, detail);
    }
}
