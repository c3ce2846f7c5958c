package dev.outbound.channel;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
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
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls in progress on this node and what the stack tells of them. The callee is INVITEd
 * through the trunk without an offer; its 200's offer goes to the agent in a second INVITE, and
 * the agent's answer back to the callee in the ACK (RFC 3725 flow I): the media flows between
 * callee and agent, never through here. A BYE from either side ends the other leg and the attempt.
 */
final class SipCalls implements SipListener {
    private static final Logger log = LoggerFactory.getLogger(SipCalls.class);

    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Consumer<SipCall> released;
    private final Consumer<Boolean> trunkAnswered;
    /** Call-ID of either leg → its call. */
    private final Map<String, SipCall> byCallId = new ConcurrentHashMap<>();

    private @Nullable SipEndpoint endpoint;

    SipCalls(
            Clock clock, ScheduledExecutorService timers, Consumer<SipCall> released, Consumer<Boolean> trunkAnswered) {
        this.clock = clock;
        this.timers = timers;
        this.released = released;
        this.trunkAnswered = trunkAnswered;
    }

    void attach(SipEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    private SipEndpoint sip() {
        SipEndpoint e = endpoint;
        if (e == null) {
            throw new IllegalStateException("SIP is not started");
        }
        return e;
    }

    int inProgress() {
        return (int) byCallId.values().stream().distinct().count();
    }

    Optional<SipCall> find(long requestId, int attemptNo) {
        return byCallId.values().stream()
                .filter(c -> c.attempt.requestId() == requestId && c.attempt.attemptNo() == attemptNo)
                .findFirst();
    }

    /** Sends the callee's INVITE; {@code invite} is already built, and its Call-ID is the call's. */
    void start(SipCall call, Request invite, java.time.Duration ringTimeout) throws javax.sip.SipException {
        byCallId.put(call.callId, call);
        synchronized (call) {
            ClientTransaction ct = sip().provider.getNewClientTransaction(invite);
            call.invite = ct;
            ct.sendRequest();
            call.ringTimer = timers.schedule(() -> ringOut(call), ringTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void ringOut(SipCall call) {
        synchronized (call) {
            if (call.answered || call.ended || call.invite == null) {
                return;
            }
            call.cancelled = true;
            try {
                sip().provider
                        .getNewClientTransaction(call.invite.createCancel())
                        .sendRequest();
            } catch (Exception e) {
                // Nothing provisional came yet, so there is nothing to cancel: the call is over for us,
                // and a late 200 is ACKed and hung up (see answered()).
                end(call, ChannelManagerStatus.NO_ANSWER, "no answer; CANCEL not sent: " + e.getMessage());
            }
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response r = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        String callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
        if (cseq.getMethod().equals(Request.OPTIONS)) {
            trunkAnswered.accept(true);
            return;
        }
        SipCall call = byCallId.get(callId);
        if (call == null || !cseq.getMethod().equals(Request.INVITE)) {
            return;
        }
        trunkAnswered.accept(true);
        synchronized (call) {
            try {
                if (callId.equals(call.callId)) {
                    calleeAnswered(call, r, event);
                } else {
                    agentAnswered(call, r, event);
                }
            } catch (Exception e) {
                log.warn("SIP call of request {}: {}", call.attempt.requestId(), e.toString());
                hangUp(call);
                end(call, ChannelManagerStatus.FAILED, "SIP error: " + e.getMessage());
            }
        }
    }

    private void calleeAnswered(SipCall call, Response r, ResponseEvent event) throws Exception {
        int code = r.getStatusCode();
        if (code < 200) {
            if (code > 100 && !call.ringing) {
                call.ringing = true;
                emit(call, ChannelManagerStatus.IN_PROGRESS, false, "SIP " + code + " " + r.getReasonPhrase());
            }
            return;
        }
        if (code < 300) {
            if (call.callee != null) {
                return; // a retransmitted 200: the stack re-sends the ACK once we sent one
            }
            call.callee = event.getDialog();
            call.calleeCseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            call.answered = true;
            cancelTimer(call);
            if (call.ended || call.cancelled) {
                ack(call.callee, call.calleeCseq, null);
                bye(call.callee);
                end(call, ChannelManagerStatus.NO_ANSWER, "answered after the ring timeout; hung up");
                return;
            }
            byte[] offer = r.getRawContent();
            if (offer == null || offer.length == 0) {
                ack(call.callee, call.calleeCseq, null);
                bye(call.callee);
                end(call, ChannelManagerStatus.FAILED, "the callee's 200 carried no SDP offer for the agent");
                return;
            }
            emit(call, ChannelManagerStatus.IN_PROGRESS, false, "answered; inviting the agent");
            inviteAgent(call, offer, r);
            return;
        }
        if ((code == 401 || code == 407) && !call.challenged && call.invite != null) {
            call.challenged = true;
            ClientTransaction retry = sip().answerChallenge(r, call.invite);
            if (retry != null) {
                call.invite = retry;
                retry.sendRequest();
                return;
            }
        }
        cancelTimer(call);
        ChannelManagerStatus status =
                code == 487 && call.cancelled ? ChannelManagerStatus.NO_ANSWER : SipResponses.refusal(code);
        end(call, status, SipResponses.detail(code, r.getReasonPhrase()));
    }

    private void inviteAgent(SipCall call, byte[] offer, Response calleeOk) throws Exception {
        SipEndpoint sip = sip();
        javax.sip.address.Address agent = sip.addresses.createAddress(call.agentUri);
        String caller = ((javax.sip.header.FromHeader) calleeOk.getHeader(javax.sip.header.FromHeader.NAME))
                .getAddress()
                .getURI()
                .toString();
        Request invite = sip.request(Request.INVITE, agent.getURI(), agent, call.attempt.target(), tag());
        invite.setContent(offer, sdp(sip.headers));
        invite.addHeader(sip.headers.createHeader("X-Outbound-Request", String.valueOf(call.attempt.requestId())));
        String agentCallId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        call.agentCallId = agentCallId;
        byCallId.put(agentCallId, call);
        log.debug("Request {}: callee answered (from {}), inviting agent {}", call.attempt.requestId(), caller, agent);
        sip.provider.getNewClientTransaction(invite).sendRequest();
    }

    private void agentAnswered(SipCall call, Response r, ResponseEvent event) throws Exception {
        int code = r.getStatusCode();
        Dialog callee = call.callee;
        if (code < 200 || callee == null) {
            return;
        }
        if (code < 300) {
            if (call.agent != null) {
                return;
            }
            call.agent = event.getDialog();
            long agentCseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            ack(call.agent, agentCseq, null);
            ack(callee, call.calleeCseq, r.getRawContent());
            if (call.ended) {
                hangUp(call);
                return;
            }
            emit(call, ChannelManagerStatus.IN_PROGRESS, false, "joined to the agent " + call.agentUri);
            return;
        }
        // The person answered but no agent can take the call: say so, and free the person.
        ack(callee, call.calleeCseq, null);
        bye(callee);
        end(
                call,
                ChannelManagerStatus.FAILED,
                "the agent " + call.agentUri + " answered " + SipResponses.detail(code, r.getReasonPhrase()));
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            ServerTransaction st = event.getServerTransaction();
            if (st == null) {
                st = sip().provider.getNewServerTransaction(request);
            }
            boolean known = request.getMethod().equals(Request.BYE)
                    || request.getMethod().equals(Request.OPTIONS)
                    || request.getMethod().equals(Request.NOTIFY);
            st.sendResponse(sip().messages.createResponse(known ? Response.OK : Response.METHOD_NOT_ALLOWED, request));
        } catch (Exception e) {
            log.debug("Could not answer a SIP {}: {}", request.getMethod(), e.toString());
        }
        if (!request.getMethod().equals(Request.BYE)) {
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        SipCall call = byCallId.get(callId);
        if (call == null) {
            return;
        }
        synchronized (call) {
            boolean fromCallee = callId.equals(call.callId);
            Dialog other = fromCallee ? call.agent : call.callee;
            if (other != null) {
                bye(other);
            }
            end(call, ChannelManagerStatus.COMPLETED, (fromCallee ? "the callee" : "the agent") + " hung up");
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct == null) {
            return;
        }
        Request request = ct.getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        if (request.getMethod().equals(Request.OPTIONS)) {
            trunkAnswered.accept(false);
            return;
        }
        SipCall call = byCallId.get(callId);
        if (call == null || !request.getMethod().equals(Request.INVITE)) {
            return;
        }
        synchronized (call) {
            if (callId.equals(call.callId)) {
                if (!call.answered) {
                    trunkAnswered.accept(false);
                    // The INVITE may have reached the callee: unknown, never dialled again blindly.
                    end(call, ChannelManagerStatus.NO_OUTCOME, "the trunk did not answer the INVITE");
                }
            } else {
                hangUp(call);
                end(call, ChannelManagerStatus.FAILED, "the agent " + call.agentUri + " did not answer");
            }
        }
    }

    /** Ends both legs of a call that is still up (shutdown, errors). */
    void hangUp(SipCall call) {
        synchronized (call) {
            try {
                if (call.callee != null && call.agent == null) {
                    ack(call.callee, call.calleeCseq, null);
                }
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

    private void ack(Dialog dialog, long cseq, byte @Nullable [] body) throws Exception {
        Request ack = dialog.createAck(cseq);
        if (body != null && body.length > 0) {
            ack.setContent(body, sdp(sip().headers));
        }
        dialog.sendAck(ack);
    }

    private void bye(Dialog dialog) {
        try {
            if (dialog.getState() == null || dialog.getState() == javax.sip.DialogState.TERMINATED) {
                return;
            }
            ClientTransaction ct = sip().provider.getNewClientTransaction(dialog.createRequest(Request.BYE));
            dialog.sendRequest(ct);
        } catch (Exception e) {
            log.debug("BYE failed: {}", e.toString());
        }
    }

    private void emit(SipCall call, ChannelManagerStatus status, boolean end, @Nullable String detail) {
        if (call.ended) {
            return;
        }
        call.latest = call.event(status, end, clock.instant(), detail);
        call.listener.on(call.latest);
    }

    private void end(SipCall call, ChannelManagerStatus status, @Nullable String detail) {
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

    private static void cancelTimer(SipCall call) {
        if (call.ringTimer != null) {
            call.ringTimer.cancel(false);
        }
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static ContentTypeHeader sdp(HeaderFactory headers) throws java.text.ParseException {
        return headers.createContentTypeHeader("application", "sdp");
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
