package dev.outbound.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import org.jspecify.annotations.Nullable;

/**
 * One attempt's SIP call: the INVITE to the callee through the trunk and, once answered, the
 * hand-off to the agent (a REFER on the callee's dialog, or an INVITE to the agent). Its fields are
 * guarded by the call itself ({@code synchronized (call)}): the stack delivers responses, requests
 * and timeouts on its own threads, and the timers run on another.
 */
final class SipCall {
    final ChannelAttempt attempt;
    final ChannelListener listener;
    /** The Call-ID of the callee's leg: the attempt's sid. */
    final String callId;

    final String agentUri;
    final Instant startedAt;

    /** How long the callee may ring, and how long a REFER may wait for its outcome. */
    Duration ringTimeout = Duration.ofSeconds(30);

    /** The callee's INVITE transaction now (a new one after a digest challenge). */
    @Nullable
    ClientTransaction invite;

    @Nullable
    Dialog callee;
    /** The CSeq of the callee's last 200 to an INVITE, which its ACK must carry. */
    long calleeCseq;
    /** Whether that 200 has been ACKed (a hang-up ACKs it first). */
    boolean calleeAcked;

    @Nullable
    String agentCallId;

    @Nullable
    Dialog agent;

    /** The ring timer, then the timer of a REFER's outcome. */
    @Nullable
    ScheduledFuture<?> timer;

    boolean challenged;
    boolean ringing;
    boolean answered;
    boolean cancelled;
    boolean ended;
    /** A REFER was sent and has not failed: the trunk may be transferring the callee. */
    boolean referring;
    /** The callee was re-INVITEd without an offer to join it by 3PCC after a REFER failed. */
    boolean rejoining;
    /** Why the REFER failed, when the call was joined by 3PCC instead; for the attempt's detail. */
    @Nullable
    String referFailure;

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
