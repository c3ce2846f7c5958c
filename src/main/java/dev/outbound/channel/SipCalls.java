package dev.outbound.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls in progress on this node and what the stack tells of them. The callee is INVITEd
 * through the trunk without an offer; its 200 carries one, and the answered call goes to the agent
 * by 3PCC ({@link SipThirdParty}) or, with {@code OUTBOUND_SIP_HANDOFF=refer}, by a REFER on the
 * callee's dialog ({@link SipRefer}). A BYE from either side ends the other leg and the attempt.
 */
final class SipCalls implements SipListener {
    private static final Logger log = LoggerFactory.getLogger(SipCalls.class);

    private final Consumer<Boolean> trunkAnswered;
    private final SipDialogs dialogs;
    private final SipThirdParty thirdParty;
    private final SipRefer refer;
    private final SipCallee callee;

    SipCalls(
            Clock clock, ScheduledExecutorService timers, Consumer<SipCall> released, Consumer<Boolean> trunkAnswered) {
        this.trunkAnswered = trunkAnswered;
        this.dialogs = new SipDialogs(clock, released);
        this.thirdParty = new SipThirdParty(dialogs);
        this.refer = new SipRefer(dialogs, thirdParty, timers);
        this.callee = new SipCallee(timers, dialogs, thirdParty, refer);
    }

    void attach(SipEndpoint endpoint) {
        dialogs.attach(endpoint);
    }

    int inProgress() {
        return dialogs.inProgress();
    }

    Optional<SipCall> find(long requestId, int attemptNo) {
        return dialogs.find(requestId, attemptNo);
    }

    /** Sends the callee's INVITE; {@code invite} is already built, and its Call-ID is the call's. */
    void start(SipCall call, Request invite, Duration ringTimeout) throws javax.sip.SipException {
        callee.start(call, invite, ringTimeout);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response r = event.getResponse();
        String method = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod();
        String callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
        if (method.equals(Request.OPTIONS)) {
            trunkAnswered.accept(true);
            return;
        }
        SipCall call = dialogs.byCallId(callId);
        if (call == null) {
            return;
        }
        synchronized (call) {
            try {
                if (method.equals(Request.REFER)) {
                    refer.referAnswered(call, r);
                } else if (!method.equals(Request.INVITE)) {
                    return;
                } else if (!callId.equals(call.callId)) {
                    thirdParty.agentAnswered(call, r, event.getDialog());
                } else {
                    trunkAnswered.accept(true);
                    callee.answered(call, r, event.getDialog());
                }
            } catch (Exception e) {
                log.warn("SIP call of request {}: {}", call.attempt.requestId(), e.toString());
                dialogs.hangUp(call);
                dialogs.end(call, ChannelManagerStatus.FAILED, "SIP error: " + e.getMessage());
            }
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        try {
            ServerTransaction st = event.getServerTransaction();
            if (st == null) {
                st = dialogs.sip().provider.getNewServerTransaction(request);
            }
            boolean known =
                    method.equals(Request.BYE) || method.equals(Request.OPTIONS) || method.equals(Request.NOTIFY);
            st.sendResponse(
                    dialogs.sip().messages.createResponse(known ? Response.OK : Response.METHOD_NOT_ALLOWED, request));
        } catch (Exception e) {
            log.debug("Could not answer a SIP {}: {}", method, e.toString());
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        SipCall call = dialogs.byCallId(callId);
        if (call == null) {
            return;
        }
        synchronized (call) {
            if (method.equals(Request.NOTIFY)) {
                refer.notified(call, request);
            } else if (method.equals(Request.BYE)) {
                hungUp(call, callId.equals(call.callId));
            }
        }
    }

    private void hungUp(SipCall call, boolean byCallee) {
        var other = byCallee ? call.agent : call.callee;
        if (other != null) {
            dialogs.bye(other);
        }
        String detail;
        if (byCallee && call.referring) {
            detail = "the trunk ended our leg after the REFER to " + call.agentUri;
        } else {
            detail = (byCallee ? "the callee" : "the agent") + " hung up"
                    + (call.referFailure == null
                            ? ""
                            : " (joined by 3PCC: the REFER failed, " + call.referFailure + ")");
        }
        dialogs.end(call, ChannelManagerStatus.COMPLETED, detail);
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct == null) {
            return;
        }
        Request request = ct.getRequest();
        String method = request.getMethod();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        if (method.equals(Request.OPTIONS)) {
            trunkAnswered.accept(false);
            return;
        }
        SipCall call = dialogs.byCallId(callId);
        if (call == null) {
            return;
        }
        synchronized (call) {
            if (method.equals(Request.REFER)) {
                refer.referTimedOut(call);
            } else if (!method.equals(Request.INVITE)) {
                return;
            } else if (!callId.equals(call.callId)) {
                thirdParty.agentTimedOut(call);
            } else {
                callee.timedOut(call, trunkAnswered);
            }
        }
    }

    /** Ends both legs of a call that is still up (shutdown, errors). */
    void hangUp(SipCall call) {
        dialogs.hangUp(call);
    }

    static String tag() {
        return SipDialogs.tag();
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("SIP I/O error towards {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}
}
