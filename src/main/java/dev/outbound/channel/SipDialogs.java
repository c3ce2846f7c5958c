package dev.outbound.channel;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of a call's signalling shares: the stack, the calls by Call-ID, and the few
 * acts on a dialog (ACK, BYE) and on the attempt (report a status, end it) that the callee's leg,
 * the REFER and the 3PCC agent leg all use. Callers hold the call's lock.
 */
final class SipDialogs {
    private static final Logger log = LoggerFactory.getLogger(SipDialogs.class);

    private final Clock clock;
    private final Consumer<SipCall> released;
    /** Call-ID of either leg → its call. */
    private final Map<String, SipCall> byCallId = new ConcurrentHashMap<>();

    private @Nullable SipEndpoint endpoint;

    SipDialogs(Clock clock, Consumer<SipCall> released) {
        this.clock = clock;
        this.released = released;
    }

    void attach(SipEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    SipEndpoint sip() {
        SipEndpoint e = endpoint;
        if (e == null) {
            throw new IllegalStateException("SIP is not started");
        }
        return e;
    }

    void register(String callId, SipCall call) {
        byCallId.put(callId, call);
    }

    @Nullable
    SipCall byCallId(String callId) {
        return byCallId.get(callId);
    }

    int inProgress() {
        return (int) byCallId.values().stream().distinct().count();
    }

    Optional<SipCall> find(long requestId, int attemptNo) {
        return byCallId.values().stream()
                .filter(c -> c.attempt.requestId() == requestId && c.attempt.attemptNo() == attemptNo)
                .findFirst();
    }

    /** ACKs the callee's last 200 to an INVITE, with {@code answer} as its SDP when there is one. */
    void ackCallee(SipCall call, byte @Nullable [] answer) throws Exception {
        Dialog callee = call.callee;
        if (callee == null || call.calleeAcked) {
            return;
        }
        ack(callee, call.calleeCseq, answer);
        call.calleeAcked = true;
    }

    void ack(Dialog dialog, long cseq, byte @Nullable [] body) throws Exception {
        Request ack = dialog.createAck(cseq);
        if (body != null && body.length > 0) {
            ack.setContent(body, sdp());
        }
        dialog.sendAck(ack);
    }

    void bye(Dialog dialog) {
        try {
            if (dialog.getState() == null || dialog.getState() == DialogState.TERMINATED) {
                return;
            }
            ClientTransaction ct = sip().provider.getNewClientTransaction(dialog.createRequest(Request.BYE));
            dialog.sendRequest(ct);
        } catch (Exception e) {
            log.warn("BYE on dialog {} failed: {}", dialog.getCallId().getCallId(), e.toString());
        }
    }

    /** Ends both legs of a call that is still up (shutdown, errors). */
    void hangUp(SipCall call) {
        synchronized (call) {
            try {
                ackCallee(call, null);
            } catch (Exception e) {
                log.debug("ACK before hang-up failed: {}", e.toString());
            }
            if (call.callee != null) {
                bye(call.callee);
            }
            if (call.agent != null) {
                bye(call.agent);
            }
        }
    }

    void emit(SipCall call, ChannelManagerStatus status, boolean end, @Nullable String detail) {
        if (call.ended) {
            return;
        }
        call.latest = call.event(status, end, clock.instant(), detail);
        call.listener.on(call.latest);
    }

    void end(SipCall call, ChannelManagerStatus status, @Nullable String detail) {
        if (call.ended) {
            return;
        }
        emit(call, status, true, detail);
        call.ended = true;
        cancelTimer(call);
        byCallId.remove(call.callId);
        if (call.agentCallId != null) {
            byCallId.remove(call.agentCallId);
        }
        released.accept(call);
    }

    static void cancelTimer(SipCall call) {
        if (call.timer != null) {
            call.timer.cancel(false);
        }
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    ContentTypeHeader sdp() throws java.text.ParseException {
        return sip().headers.createContentTypeHeader("application", "sdp");
    }
}
