package dev.outbound.channel;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.jspecify.annotations.Nullable;

/**
 * One JAIN-SIP stack listening on {@code OUTBOUND_SIP_LOCAL_ADDRESS:PORT} with the trunk's
 * transport, and the factories that build requests for it. Nothing here parses SIP by hand.
 */
final class SipEndpoint implements AutoCloseable {
    private static final AtomicInteger STACKS = new AtomicInteger();

    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;
    final SipProvider provider;
    final SipProperties.Trunk trunk;
    /** {@code OUTBOUND_SIP_HANDOFF=refer}: answered calls go to the agent by REFER, not 3PCC. */
    final boolean refer;

    private final SipStack stack;
    private final SipProperties properties;
    private final AuthenticationHelper auth;

    SipEndpoint(SipProperties properties, SipListener listener) {
        this.properties = properties;
        this.trunk = properties.parsedTrunk();
        this.refer = properties.refer();
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            var p = new Properties();
            p.setProperty("javax.sip.STACK_NAME", "outbound-sip-" + STACKS.incrementAndGet());
            p.setProperty("gov.nist.javax.sip.STACK_LOGGER", SipStackLog.class.getName());
            p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SipMessageLog.class.getName());
            p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "32");
            // A REFER's NOTIFYs come on the callee's dialog; the stack would refuse them (481) when it
            // matches them to no SUBSCRIBE of its own.
            p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
            properties.tls().configure(p);
            this.stack = factory.createSipStack(p);
            this.addresses = factory.createAddressFactory();
            this.headers = factory.createHeaderFactory();
            this.messages = factory.createMessageFactory();
            ListeningPoint point =
                    stack.createListeningPoint(properties.localAddress(), properties.localPort(), trunk.transport());
            this.provider = stack.createSipProvider(point);
            provider.addSipListener(listener);
            this.auth = ((SipStackImpl) stack).getAuthenticationHelper(this::credentials, headers);
            stack.start();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Could not start SIP on " + properties.localAddress() + ":" + properties.localPort() + "/"
                            + trunk.transport() + ": " + e.getMessage(),
                    e);
        }
    }

    private UserCredentials credentials(ClientTransaction challenged, String realm) {
        return new UserCredentials() {
            @Override
            public String getUserName() {
                return properties.username();
            }

            @Override
            public String getPassword() {
                return properties.password();
            }

            @Override
            public String getSipDomain() {
                return realm;
            }
        };
    }

    /** A URI for {@code user} at the trunk: {@code sip:+14155550101@trunk:port;transport=...}. */
    SipURI atTrunk(@Nullable String user) throws java.text.ParseException {
        SipURI uri = addresses.createSipURI(user, trunk.host());
        uri.setPort(trunk.port());
        uri.setSecure(trunk.secure());
        if (!trunk.transport().equals("udp") && !trunk.secure()) {
            uri.setTransportParam(trunk.transport());
        }
        return uri;
    }

    String localAddress() {
        return properties.localAddress();
    }

    /** Our Contact: where the trunk and agents send requests within a dialog. */
    ContactHeader contact() throws java.text.ParseException {
        SipURI contact = addresses.createSipURI(null, properties.localAddress());
        contact.setPort(properties.localPort());
        if (!trunk.transport().equals("udp")) {
            contact.setTransportParam(trunk.transport());
        }
        return headers.createContactHeader(addresses.createAddress(contact));
    }

    /** A new out-of-dialog request to {@code to} (INVITE, OPTIONS) from {@code fromUser}. */
    Request request(String method, URI requestUri, Address to, @Nullable String fromUser, String fromTag)
            throws java.text.ParseException, javax.sip.InvalidArgumentException {
        SipURI fromUri = addresses.createSipURI(fromUser, trunk.host());
        Address from = addresses.createAddress(fromUri);
        List<ViaHeader> vias = new ArrayList<>();
        vias.add(headers.createViaHeader(properties.localAddress(), properties.localPort(), trunk.transport(), null));
        Request r = messages.createRequest(
                requestUri,
                method,
                provider.getNewCallId(),
                headers.createCSeqHeader(1L, method),
                headers.createFromHeader(from, fromTag),
                headers.createToHeader(to, null),
                vias,
                headers.createMaxForwardsHeader(70));
        r.addHeader(contact());
        return r;
    }

    /** The request again with the credentials the challenge asks for; null without a username. */
    @Nullable
    ClientTransaction answerChallenge(javax.sip.message.Response challenge, ClientTransaction challenged)
            throws SipException {
        if (properties.username().isBlank()) {
            return null;
        }
        return auth.handleChallenge(challenge, challenged, provider, 5);
    }

    @Override
    public void close() {
        stack.stop();
    }
}
