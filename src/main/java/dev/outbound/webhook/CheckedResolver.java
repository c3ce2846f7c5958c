package dev.outbound.webhook;

import dev.outbound.campaign.WebhookAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a webhook's host once per connection and refuses it when any address is internal
 * ({@link WebhookAddresses}); the connection then goes to the addresses checked here, so a DNS
 * answer that changes between check and connect (rebinding) cannot slip through.
 */
final class CheckedResolver implements DnsResolver {
    private static final Logger log = LoggerFactory.getLogger(CheckedResolver.class);
    /** The same words whichever address was refused. */
    static final String REFUSAL = "refused: the host is not a public address";

    private final boolean allowPrivate;

    CheckedResolver(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** A host refused because it resolves to an internal address. */
    static final class Refused extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (WebhookAddresses.forbidden(a)) {
                    // The tenant reads the delivery log: which internal address a name maps to is
                    // the operator's to know (it maps the inside of the network), so only the log says.
                    log.warn(
                            "Webhook delivery refused: {} resolves to the internal address {}",
                            host,
                            a.getHostAddress());
                    throw new Refused(REFUSAL);
                }
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
