package dev.outbound.channel;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.address.Address;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's leg of third-party call control (RFC 3725 flow I): the callee's offer goes to the
 * agent in an INVITE, and the agent's answer back to the callee in the ACK, so the media flows
 * between them and never through here. Also the way back to 3PCC after a REFER failed: the callee
 * is re-INVITEd without an offer, and its 200's fresh offer goes to the agent the same way.
 * Callers hold the call's lock.
 */
final class SipThirdParty {
    private static final Logger log = LoggerFactory.getLogger(SipThirdParty.class);

    private final SipDialogs dialogs;

    SipThirdParty(SipDialogs dialogs) {
        this.dialogs = dialogs;
    }

    /** INVITEs the agent with the callee's {@code offer}; its 200 comes to {@link #agentAnswered}. */
    void inviteAgent(SipCall call, byte[] offer) throws Exception {
        SipEndpoint sip = dialogs.sip();
        Address agent = sip.addresses.createAddress(call.agentUri);
        Request invite = sip.request(Request.INVITE, agent.getURI(), agent, call.attempt.target(), SipDialogs.tag());
        invite.setContent(offer, dialogs.sdp());
        invite.addHeader(sip.headers.createHeader("X-Outbound-Request", String.valueOf(call.attempt.requestId())));
        String agentCallId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        call.agentCallId = agentCallId;
        dialogs.register(agentCallId, call);
        log.debug("Request {}: inviting the agent {}", call.attempt.requestId(), agent);
        sip.provider.getNewClientTransaction(invite).sendRequest();
    }

    void agentAnswered(SipCall call, Response r, Dialog dialog) throws Exception {
        int code = r.getStatusCode();
        if (code < 200 || call.callee == null) {
            return;
        }
        if (code < 300) {
            if (call.agent != null) {
                return;
            }
            call.agent = dialog;
            dialogs.ack(dialog, ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber(), null);
            dialogs.ackCallee(call, r.getRawContent());
            if (call.ended) {
                dialogs.hangUp(call);
                return;
            }
            dialogs.emit(call, ChannelManagerStatus.IN_PROGRESS, false, "joined to the agent " + call.agentUri);
            return;
        }
        // The person answered but no agent can take the call: say so, and free the person.
        dialogs.hangUp(call);
        dialogs.end(
                call,
                ChannelManagerStatus.FAILED,
                "the agent " + call.agentUri + " answered " + SipResponses.detail(code, r.getReasonPhrase()));
    }

    void agentTimedOut(SipCall call) {
        dialogs.hangUp(call);
        dialogs.end(call, ChannelManagerStatus.FAILED, "the agent " + call.agentUri + " did not answer");
    }

    /**
     * Joins an answered callee, whose offer was already answered (held, by a REFER attempt), by
     * 3PCC: a re-INVITE without an offer asks it for a new one, which {@link #reoffered} passes on.
     */
    void rejoin(SipCall call) throws Exception {
        Dialog callee = call.callee;
        if (callee == null) {
            throw new IllegalStateException("request " + call.attempt.requestId() + ": no callee dialog to rejoin");
        }
        Request reinvite = callee.createRequest(Request.INVITE);
        if (reinvite.getHeader(javax.sip.header.ContactHeader.NAME) == null) {
            reinvite.addHeader(dialogs.sip().contact());
        }
        call.rejoining = true;
        ClientTransaction ct = dialogs.sip().provider.getNewClientTransaction(reinvite);
        callee.sendRequest(ct);
    }

    /** The callee's 200 to the re-INVITE: its new offer goes to the agent, the answer in the ACK. */
    void reoffered(SipCall call, Response r) throws Exception {
        call.rejoining = false;
        call.calleeCseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
        call.calleeAcked = false;
        byte[] offer = r.getRawContent();
        if (offer == null || offer.length == 0) {
            dialogs.hangUp(call);
            dialogs.end(call, ChannelManagerStatus.FAILED, "the callee's re-INVITE 200 carried no SDP offer");
            return;
        }
        inviteAgent(call, offer);
    }

    /** The callee refused or did not answer the re-INVITE: nothing left to join it with. */
    void rejoinFailed(SipCall call, String why) {
        call.rejoining = false;
        dialogs.hangUp(call);
        dialogs.end(
                call,
                ChannelManagerStatus.FAILED,
                "the REFER to " + call.agentUri + " failed (" + call.referFailure + ") and the callee's re-INVITE "
                        + why);
    }
}
