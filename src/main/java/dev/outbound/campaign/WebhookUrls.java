package dev.outbound.campaign;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * First line of defence against webhooks aimed inside our network: only absolute https URLs,
 * and no host that is, or resolves now to, a loopback, private, link-local or metadata address
 * ({@link WebhookAddresses}). A name that does not resolve is accepted: DNS changes, so delivery
 * resolves and checks every address again when it connects.
 */
final class WebhookUrls {
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private WebhookUrls() {}

    /** Why {@code url} is refused, or null when it is acceptable. */
    static @Nullable String problem(String url, boolean allowPrivate) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return "url must be an absolute http(s) URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "url must be an absolute http(s) URL";
        }
        if (allowPrivate) {
            return null;
        }
        if (!scheme.equals("https")) {
            return "url must use https";
        }
        if (uri.getRawUserInfo() != null) {
            return "url must not carry credentials; use auth_values.hmac_secret";
        }
        return isInternal(host) ? "url must not point at a loopback, private or link-local address" : null;
    }

    static boolean isInternal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        boolean ipv6 = h.startsWith("[") && h.endsWith("]");
        try {
            if (ipv6 || IPV4.matcher(h).matches()) {
                // A literal: no name lookup happens.
                return WebhookAddresses.forbidden(InetAddress.getByName(ipv6 ? h.substring(1, h.length() - 1) : h));
            }
        } catch (UnknownHostException e) {
            return true;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(h)) {
                if (WebhookAddresses.forbidden(a)) {
                    return true;
                }
            }
        } catch (UnknownHostException | SecurityException e) {
            // A name that does not resolve now is accepted; delivery resolves and checks it again.
        }
        return false;
    }
}
