package dev.outbound.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.ClientTransaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Voice through the operator's SIP trunk ({@code OUTBOUND_CHANNELS_VOICE=sip}). Outbound does the
 * signalling only: the callee is INVITEd through the trunk with digest authentication and the
 * campaign's caller id, and an answered call is joined to the agent's {@code sip_uri} by
 * third-party call control ({@link SipCalls}). The attempt is committed before {@link #start}
 * sends the INVITE; a call's dialog lives on this node only, so the attempt of a node that died
 * ends NO_OUTCOME ({@link #lookup}) and is never INVITEd again by reconciliation.
 */
@Component
final class SipChannel implements Channel, DisposableBean {
    static final String NAME = "sip";
    private static final Logger log = LoggerFactory.getLogger(SipChannel.class);
    private static final Set<Mode> MODES = Set.of(Mode.VOICE);
    private static final int REMEMBERED_KEYS = 100_000;

    private final SipProperties properties;
    private final SipPace pace;
    private final Clock clock;
    private final SipTrunkHealth health;
    private final ScheduledExecutorService timers;
    private final SipCalls calls;
    /** Idempotency key → Call-ID, for attempts started on this node. */
    private final Map<String, String> callIdsByKey = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_KEYS;
        }
    });

    private volatile @Nullable SipEndpoint endpoint;

    @Autowired
    SipChannel(SipProperties properties, SipPace pace, Clock clock) {
        this.properties = properties;
        this.pace = pace;
        this.clock = clock;
        this.health = new SipTrunkHealth(properties.keepalive());
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-timers");
            t.setDaemon(true);
            return t;
        });
        this.calls = new SipCalls(clock, timers, call -> pace.release(call.callId), this::trunkAnswered);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Mode> modes() {
        return MODES;
    }

    @Override
    public void checkConfigured() {
        properties.requireComplete();
    }

    @Override
    public boolean reconciles() {
        return true;
    }

    private void trunkAnswered(boolean answered) {
        if (answered) {
            health.answered(clock.instant());
        } else {
            health.unanswered();
        }
    }

    /** Starts the stack on first use, so a service that does not dial SIP never opens its port. */
    SipEndpoint endpoint() {
        SipEndpoint e = endpoint;
        if (e == null) {
            synchronized (this) {
                e = endpoint;
                if (e == null) {
                    e = new SipEndpoint(properties, calls);
                    calls.attach(e);
                    endpoint = e;
                    log.info(
                            "SIP channel listening on {}:{} ({}), trunk {}",
                            properties.localAddress(),
                            properties.localPort(),
                            e.trunk.transport(),
                            properties.trunk());
                }
            }
        }
        return e;
    }

    /** Whether new calls may start now: the trunk answers its OPTIONS. */
    @Override
    public boolean accepting() {
        return health.up(clock.instant());
    }

    @Override
    public String notAcceptingReason() {
        return "the SIP trunk " + properties.trunk() + " does not answer its OPTIONS keep-alive";
    }

    @Override
    public void poll(Instant now) {
        SipEndpoint sip = endpoint();
        if (health.probeDue(now)) {
            try {
                SipURI trunk = sip.atTrunk(null);
                Request options = sip.request(
                        Request.OPTIONS, trunk, sip.addresses.createAddress(trunk), "outbound", SipCalls.tag());
                ClientTransaction ct = sip.provider.getNewClientTransaction(options);
                ct.sendRequest();
            } catch (Exception e) {
                log.warn("Could not send OPTIONS to the SIP trunk: {}", e.toString());
                health.unanswered();
            }
        }
    }

    @Override
    public String start(ChannelAttempt attempt, ChannelListener listener) {
        String known = callIdsByKey.get(attempt.idempotencyKey());
        if (known != null) {
            return known;
        }
        if (!MODES.contains(attempt.mode())) {
            throw new ChannelRefused("SIP does not send " + attempt.mode().wire());
        }
        String agentUri = agentUri(attempt);
        SipEndpoint sip = endpoint();
        Instant now = clock.instant();
        if (!health.up(now)) {
            throw new ChannelUnavailable("the SIP trunk does not answer OPTIONS");
        }
        Request invite;
        try {
            invite = invite(sip, attempt);
        } catch (java.text.ParseException | javax.sip.InvalidArgumentException e) {
            throw new ChannelRefused("not a number SIP can call: " + e.getMessage());
        }
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        if (!pace.take(callId, attempt.requestId(), attempt.attemptNo(), now)) {
            throw new ChannelUnavailable("SIP calls-per-second or calls-in-progress limit reached");
        }
        var call = new SipCall(attempt, listener, callId, agentUri, now);
        try {
            calls.start(call, invite, properties.ringTimeout());
        } catch (javax.sip.SipException e) {
            pace.release(callId);
            throw new ChannelUnavailable("the INVITE could not be sent: " + e.getMessage());
        }
        callIdsByKey.put(attempt.idempotencyKey(), callId);
        return callId;
    }

    private String agentUri(ChannelAttempt attempt) {
        String campaign = attempt.campaign().agentSipUri();
        if (campaign != null && !campaign.isBlank()) {
            return campaign;
        }
        if (!properties.agentUri().isBlank()) {
            return properties.agentUri();
        }
        throw new ChannelRefused("no agent to hand the call to: the campaign's agent has no sip_uri and "
                + "OUTBOUND_SIP_AGENT_URI is not set");
    }

    private Request invite(SipEndpoint sip, ChannelAttempt attempt)
            throws java.text.ParseException, javax.sip.InvalidArgumentException {
        SipURI to = sip.atTrunk(attempt.target());
        Address toAddress = sip.addresses.createAddress(to);
        String from = attempt.from() == null || attempt.from().isBlank() ? "anonymous" : attempt.from();
        Request invite = sip.request(Request.INVITE, to, toAddress, from, SipCalls.tag());
        // The trunk as a loose route: the request goes there, and a re-INVITE after a 407 keeps
        // its Request-URI (without a route the stack adds maddr, which breaks some digest checks).
        SipURI route = sip.atTrunk(null);
        route.setLrParam();
        invite.addHeader(sip.headers.createRouteHeader(sip.addresses.createAddress(route)));
        if (properties.assertIdentity()
                && attempt.from() != null
                && !attempt.from().isBlank()) {
            invite.addHeader(sip.headers.createHeader("P-Asserted-Identity", "<" + sip.atTrunk(attempt.from()) + ">"));
        }
        return invite;
    }

    @Override
    public Optional<ChannelLookup> lookup(ChannelAttempt attempt, Instant startedAt) {
        return lookup(attempt, startedAt, false);
    }

    /**
     * A call this node has is reported as it stands. A call it does not have is gone if its node
     * died ({@code holderGone}): its dialog went with the node, nothing can tell how it ended, and
     * dialling again could reach the person twice, so the attempt ends NO_OUTCOME and the retry
     * rules decide. If its node may still be alive, that node reports it: nothing to say here.
     */
    @Override
    public Optional<ChannelLookup> lookup(ChannelAttempt attempt, Instant startedAt, boolean holderGone) {
        Optional<SipCall> here = calls.find(attempt.requestId(), attempt.attemptNo());
        if (here.isPresent()) {
            synchronized (here.get()) {
                return Optional.of(new ChannelLookup(here.get().latest));
            }
        }
        if (!holderGone) {
            return Optional.empty();
        }
        pace.forget(attempt.requestId(), attempt.attemptNo());
        String callId = callIdsByKey.getOrDefault(attempt.idempotencyKey(), "");
        return Optional.of(new ChannelLookup(new ChannelEvent(
                attempt.requestId(),
                attempt.attemptNo(),
                callId,
                ChannelManagerStatus.NO_OUTCOME,
                true,
                clock.instant(),
                "the node that placed the SIP call stopped; its dialog is gone")));
    }

    @Override
    public void destroy() {
        SipEndpoint e = endpoint;
        timers.shutdownNow();
        if (e != null) {
            e.close();
        }
    }
}
