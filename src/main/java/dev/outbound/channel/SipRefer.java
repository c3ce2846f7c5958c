package dev.outbound.channel;

import java.nio.charset.StandardCharsets;
import java.util.Vector;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sdp.Media;
import javax.sdp.MediaDescription;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.address.Address;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off by REFER ({@code OUTBOUND_SIP_HANDOFF=refer}, RFC 3515): the callee's offer is
 * answered on hold (every stream {@code a=inactive}: outbound carries no media), then a REFER on
 * the callee's dialog asks the trunk to connect the callee to the agent itself. The trunk's
 * NOTIFYs report how that goes ({@code message/sipfrag}): a 2xx means the callee is with the
 * agent, so our leg is hung up and the attempt ends COMPLETED. A REFER the trunk refuses (a 4xx,
 * 501, no answer) or a transfer that fails ends in 3PCC instead ({@link SipThirdParty#rejoin}):
 * the person who answered is never dropped because the trunk cannot transfer. Callers hold the
 * call's lock.
 */
final class SipRefer {
    private static final Logger log = LoggerFactory.getLogger(SipRefer.class);
    /** The status line a NOTIFY's sipfrag body starts with (RFC 3420). */
    private static final Pattern SIPFRAG = Pattern.compile("^SIP/2\\.0 (\\d{3})([^\\r\\n]*)");

    private final SipDialogs dialogs;
    private final SipThirdParty thirdParty;
    private final ScheduledExecutorService timers;

    SipRefer(SipDialogs dialogs, SipThirdParty thirdParty, ScheduledExecutorService timers) {
        this.dialogs = dialogs;
        this.thirdParty = thirdParty;
        this.timers = timers;
    }

    /** The callee answered with {@code offer}: hold it, then REFER it to the agent. */
    void refer(SipCall call, byte[] offer) throws Exception {
        SipEndpoint sip = dialogs.sip();
        Dialog callee = call.callee;
        if (callee == null) {
            throw new IllegalStateException("request " + call.attempt.requestId() + ": REFER before the answer");
        }
        dialogs.ackCallee(call, heldAnswer(offer, sip.localAddress()));
        Request refer = callee.createRequest(Request.REFER);
        Address agent = sip.addresses.createAddress(call.agentUri);
        refer.addHeader(sip.headers.createReferToHeader(agent));
        refer.addHeader(sip.headers.createHeader(
                "Referred-By", "<" + sip.contact().getAddress().getURI() + ">"));
        if (refer.getHeader(javax.sip.header.ContactHeader.NAME) == null) {
            refer.addHeader(sip.contact());
        }
        ClientTransaction ct = sip.provider.getNewClientTransaction(refer);
        call.referring = true;
        callee.sendRequest(ct);
        call.timer = timers.schedule(
                () -> {
                    synchronized (call) {
                        if (call.referring && !call.ended) {
                            failed(call, "no outcome of the transfer within " + call.ringTimeout);
                        }
                    }
                },
                call.ringTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        dialogs.emit(call, ChannelManagerStatus.IN_PROGRESS, false, "answered; referring the call to " + call.agentUri);
    }

    /** The trunk's answer to the REFER: 202 is only "trying"; a refusal means 3PCC. */
    void referAnswered(SipCall call, Response r) {
        int code = r.getStatusCode();
        if (code < 200 || !call.referring) {
            return;
        }
        if (code < 300) {
            log.debug("Request {}: the trunk accepted the REFER to {}", call.attempt.requestId(), call.agentUri);
            return;
        }
        failed(call, "the trunk answered the REFER " + SipResponses.detail(code, r.getReasonPhrase()));
    }

    void referTimedOut(SipCall call) {
        if (call.referring) {
            failed(call, "the trunk did not answer the REFER");
        }
    }

    /** A NOTIFY of the transfer: a final sipfrag status ends it one way or the other. */
    void notified(SipCall call, Request notify) {
        if (!call.referring || call.ended) {
            return;
        }
        byte[] body = notify.getRawContent();
        Matcher m = SIPFRAG.matcher(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        if (!m.find()) {
            var state = (SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME);
            if (state != null && state.getState().equalsIgnoreCase(SubscriptionStateHeader.TERMINATED)) {
                failed(call, "the transfer's subscription ended without a final status");
            }
            return;
        }
        int code = Integer.parseInt(m.group(1));
        if (code < 200) {
            return;
        }
        if (code < 300) {
            call.referring = false;
            if (call.callee != null) {
                dialogs.bye(call.callee);
            }
            dialogs.end(
                    call, ChannelManagerStatus.COMPLETED, "transferred to the agent " + call.agentUri + " by REFER");
            return;
        }
        failed(call, "the transfer failed: SIP " + code + m.group(2));
    }

    /** The REFER did not take the callee to the agent: join them by 3PCC instead. */
    private void failed(SipCall call, String why) {
        call.referring = false;
        call.referFailure = why;
        SipDialogs.cancelTimer(call);
        dialogs.emit(
                call,
                ChannelManagerStatus.IN_PROGRESS,
                false,
                "the REFER to " + call.agentUri + " failed (" + why + "); joining by 3PCC");
        try {
            thirdParty.rejoin(call);
        } catch (Exception e) {
            log.warn(
                    "SIP call of request {}: re-INVITE after a failed REFER: {}",
                    call.attempt.requestId(),
                    e.toString());
            thirdParty.rejoinFailed(call, "could not be sent: " + e.getMessage());
        }
    }

    /**
     * An answer to {@code offer} that accepts each stream on hold ({@code a=inactive}, port 9, the
     * first format offered): outbound has no media of its own, so it holds the callee until the
     * trunk has connected it to the agent.
     */
    static byte[] heldAnswer(byte[] offer, String localAddress) throws javax.sdp.SdpException {
        SdpFactory sdp = SdpFactory.getInstance();
        SessionDescription offered = sdp.createSessionDescription(new String(offer, StandardCharsets.UTF_8));
        String ipType = localAddress.contains(":") ? "IP6" : "IP4";
        SessionDescription answer = sdp.createSessionDescription();
        answer.setOrigin(sdp.createOrigin("outbound", 1, 1, "IN", ipType, localAddress));
        answer.setConnection(sdp.createConnection("IN", ipType, localAddress));
        Vector<MediaDescription> streams = new Vector<>();
        @SuppressWarnings("unchecked")
        Vector<MediaDescription> media = offered.getMediaDescriptions(false);
        for (MediaDescription m : media == null ? new Vector<MediaDescription>() : media) {
            Media offeredMedia = m.getMedia();
            @SuppressWarnings("unchecked")
            Vector<String> formats = offeredMedia.getMediaFormats(false);
            String format = formats == null || formats.isEmpty() ? "0" : formats.getFirst();
            MediaDescription held = sdp.createMediaDescription(
                    offeredMedia.getMediaType(), 9, 1, offeredMedia.getProtocol(), new String[] {format});
            @Nullable String rtpmap = rtpmap(m, format);
            if (rtpmap != null) {
                held.setAttribute("rtpmap", rtpmap);
            }
            held.setAttribute("inactive", null);
            streams.add(held);
        }
        answer.setMediaDescriptions(streams);
        return answer.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static @Nullable String rtpmap(MediaDescription m, String format) throws javax.sdp.SdpParseException {
        @SuppressWarnings("unchecked")
        Vector<javax.sdp.Attribute> attributes = m.getAttributes(false);
        if (attributes == null) {
            return null;
        }
        for (javax.sdp.Attribute a : attributes) {
            if (a.getName().equals("rtpmap")
                    && a.getValue() != null
                    && a.getValue().startsWith(format + " ")) {
                return a.getValue();
            }
        }
        return null;
    }
}
