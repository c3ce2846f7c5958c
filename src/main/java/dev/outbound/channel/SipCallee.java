package dev.outbound.channel;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The callee's leg: the INVITE through the trunk (no offer), the ring timer and its CANCEL, a
 * digest challenge answered once, the final response mapped to a status, and the answered call
 * passed to the hand-off: 3PCC ({@link SipThirdParty}) or REFER ({@link SipRefer}). Callers hold
 * the call's lock, except {@link #start}, which takes it.
 */
final class SipCallee {
    private final ScheduledExecutorService timers;
    private final SipDialogs dialogs;
    private final SipThirdParty thirdParty;
    private final SipRefer refer;

    SipCallee(ScheduledExecutorService timers, SipDialogs dialogs, SipThirdParty thirdParty, SipRefer refer) {
        this.timers = timers;
        this.dialogs = dialogs;
        this.thirdParty = thirdParty;
        this.refer = refer;
    }

    /** Sends the callee's INVITE; {@code invite} is already built, and its Call-ID is the call's. */
    void start(SipCall call, Request invite, Duration ringTimeout) throws javax.sip.SipException {
        dialogs.register(call.callId, call);
        synchronized (call) {
            call.ringTimeout = ringTimeout;
            ClientTransaction ct = dialogs.sip().provider.getNewClientTransaction(invite);
            call.invite = ct;
            ct.sendRequest();
            call.timer = timers.schedule(() -> ringOut(call), ringTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void ringOut(SipCall call) {
        synchronized (call) {
            if (call.answered || call.ended || call.invite == null) {
                return;
            }
            call.cancelled = true;
            try {
                dialogs.sip()
                        .provider
                        .getNewClientTransaction(call.invite.createCancel())
                        .sendRequest();
            } catch (Exception e) {
                // Nothing provisional came yet, so there is nothing to cancel: the call is over for us,
                // and a late 200 is ACKed and hung up (see calleeAnswered()).
                dialogs.end(call, ChannelManagerStatus.NO_ANSWER, "no answer; CANCEL not sent: " + e.getMessage());
            }
        }
    }

    void answered(SipCall call, Response r, javax.sip.Dialog dialog) throws Exception {
        int code = r.getStatusCode();
        if (code < 200) {
            if (code > 100 && !call.ringing) {
                call.ringing = true;
                dialogs.emit(call, ChannelManagerStatus.IN_PROGRESS, false, "SIP " + code + " " + r.getReasonPhrase());
            }
            return;
        }
        if (call.callee != null) {
            answeredAgain(call, r);
            return;
        }
        if (code < 300) {
            call.callee = dialog;
            call.calleeCseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            call.answered = true;
            SipDialogs.cancelTimer(call);
            if (call.ended || call.cancelled) {
                dialogs.hangUp(call);
                dialogs.end(call, ChannelManagerStatus.NO_ANSWER, "answered after the ring timeout; hung up");
                return;
            }
            byte[] offer = r.getRawContent();
            if (offer == null || offer.length == 0) {
                dialogs.hangUp(call);
                dialogs.end(call, ChannelManagerStatus.FAILED, "the callee's 200 carried no SDP offer for the agent");
                return;
            }
            if (dialogs.sip().refer) {
                refer.refer(call, offer);
                return;
            }
            dialogs.emit(call, ChannelManagerStatus.IN_PROGRESS, false, "answered; inviting the agent");
            thirdParty.inviteAgent(call, offer);
            return;
        }
        if ((code == 401 || code == 407) && !call.challenged && call.invite != null) {
            call.challenged = true;
            ClientTransaction retry = dialogs.sip().answerChallenge(r, call.invite);
            if (retry != null) {
                call.invite = retry;
                retry.sendRequest();
                return;
            }
        }
        SipDialogs.cancelTimer(call);
        ChannelManagerStatus status =
                code == 487 && call.cancelled ? ChannelManagerStatus.NO_ANSWER : SipResponses.refusal(code);
        dialogs.end(call, status, SipResponses.detail(code, r.getReasonPhrase()));
    }

    /** A final response on an answered callee: a retransmitted 200, or the answer to a re-INVITE. */
    private void answeredAgain(SipCall call, Response r) throws Exception {
        long cseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
        if (!call.rejoining || cseq <= call.calleeCseq) {
            return; // a retransmitted 200: the stack re-sends the ACK once we sent one
        }
        if (r.getStatusCode() < 300) {
            thirdParty.reoffered(call, r);
        } else {
            thirdParty.rejoinFailed(
                    call, "was answered " + SipResponses.detail(r.getStatusCode(), r.getReasonPhrase()));
        }
    }

    /** The trunk did not answer an INVITE on the callee's leg. */
    void timedOut(SipCall call, java.util.function.Consumer<Boolean> trunkAnswered) {
        if (call.rejoining) {
            thirdParty.rejoinFailed(call, "was not answered");
        } else if (!call.answered) {
            trunkAnswered.accept(false);
            // The INVITE may have reached the callee: unknown, never dialled again blindly.
            dialogs.end(call, ChannelManagerStatus.NO_OUTCOME, "the trunk did not answer the INVITE");
        }
    }
}
