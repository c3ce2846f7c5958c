package dev.outbound.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The agent host rule: where this service may send an answered call or an SMS reply. The hosts are
 * the operator's ({@code OUTBOUND_AGENT_HOSTS}: exact hosts or {@code *.example.com} wildcards),
 * never the API caller's, so a key holder cannot point calls at an arbitrary server. An agent URL
 * must be {@code https}, carry no userinfo and have a listed host; with the list empty no agent
 * URL is accepted. Checked at save and again before each use, since the list may change. Only
 * with {@code OUTBOUND_WEBHOOKS_ALLOW_PRIVATE} (local development and tests, where the agent is a
 * plain-http server on this machine) is {@code http} accepted too, as it is for webhooks.
 */
@Component
public final class AgentHosts {
    /** No agent URL allowed. */
    public static final AgentHosts NONE = new AgentHosts(List.of());

    private final List<String> hosts;
    private final boolean allowHttp;

    @Autowired
    public AgentHosts(
            @Value("${outbound.agent-hosts:}") String list,
            @Value("${outbound.webhooks.allow-private:false}") boolean allowHttp) {
        this(Arrays.stream(list.split(",")).toList(), allowHttp);
    }

    public AgentHosts(List<String> hosts) {
        this(hosts, false);
    }

    private AgentHosts(List<String> hosts, boolean allowHttp) {
        this.hosts = hosts.stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .toList();
        this.allowHttp = allowHttp;
    }

    public static AgentHosts of(String... hosts) {
        return new AgentHosts(List.of(hosts));
    }

    /** Why {@code url} may not be used as an agent URL, for a 422 message; empty when it may. */
    public Optional<String> problem(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute https URL");
        }
        boolean scheme =
                "https".equalsIgnoreCase(uri.getScheme()) || (allowHttp && "http".equalsIgnoreCase(uri.getScheme()));
        if (!scheme || uri.getHost() == null) {
            return Optional.of("must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (hosts.isEmpty()) {
            return Optional.of("is not accepted: no agent host is allowed (OUTBOUND_AGENT_HOSTS is empty)");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!allowsHost(host)) {
            return Optional.of("host " + host + " is not in OUTBOUND_AGENT_HOSTS");
        }
        return Optional.empty();
    }

    public boolean allows(String url) {
        return problem(url).isEmpty();
    }

    private boolean allowsHost(String host) {
        for (String h : hosts) {
            if (h.startsWith("*.")) {
                // "*.example.com" is any subdomain, not example.com itself, as in TLS certificates.
                if (host.endsWith(h.substring(1))) {
                    return true;
                }
            } else if (h.equals(host)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AgentHosts" + hosts;
    }
}
