package dev.outbound.campaign;

import java.net.InetAddress;

/**
 * Which addresses a webhook may never reach: loopback, unspecified, private (RFC 1918), shared
 * (CGNAT 100.64/10), link-local (including the cloud metadata address 169.254.169.254), IPv6
 * unique-local, multicast, and the reserved 0/8, 192.0.0/24, benchmarking 198.18/15 and 240/4.
 * Checked when a webhook is saved and again for every address a delivery resolves.
 */
public final class WebhookAddresses {
    private WebhookAddresses() {}

    public static boolean forbidden(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16 && isV4Mapped(b)) {
            byte[] v4 = {b[12], b[13], b[14], b[15]};
            return forbiddenV4(v4) || a.isLoopbackAddress();
        }
        boolean special = a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isMulticastAddress();
        if (special) {
            return true;
        }
        return b.length == 4 ? forbiddenV4(b) : (b[0] & 0xfe) == 0xfc; // fc00::/7 unique-local
    }

    private static boolean forbiddenV4(byte[] b) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        int o2 = b[2] & 0xff;
        return o0 == 0
                || o0 == 10
                || o0 == 127
                || (o0 == 100 && (o1 & 0xc0) == 64)
                || (o0 == 169 && o1 == 254)
                || (o0 == 172 && (o1 & 0xf0) == 16)
                || (o0 == 192 && o1 == 168)
                || (o0 == 192 && o1 == 0 && o2 == 0)
                || (o0 == 198 && (o1 & 0xfe) == 18)
                || o0 >= 224;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
