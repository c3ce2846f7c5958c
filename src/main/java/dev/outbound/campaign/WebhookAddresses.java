package dev.outbound.campaign;

import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * Which addresses a webhook may never reach: loopback, unspecified, private (RFC 1918), shared
 * (CGNAT 100.64/10), link-local (including the cloud metadata address 169.254.169.254), IPv6
 * unique-local, multicast, and the reserved 0/8, 192.0.0/24, benchmarking 198.18/15 and 240/4.
 * IPv6 forms that carry an IPv4 address a router or gateway would reach (IPv4-mapped and
 * IPv4-compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo
 * {@code 2001::/32}) are judged by the IPv4 address inside; local-use NAT64 {@code 64:ff9b:1::/48}
 * is refused whole. Checked when a webhook is saved and again for every address a delivery resolves.
 */
public final class WebhookAddresses {
    private WebhookAddresses() {}

    public static boolean forbidden(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16) {
            byte[] v4 = embeddedV4(b);
            if (v4 != null && (forbiddenV4(v4) || a.isLoopbackAddress())) {
                return true;
            }
            if (isLocalNat64(b)) {
                return true;
            }
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

    /**
     * The IPv4 address an IPv6 address stands for, when its prefix is one that translating
     * gateways and relays route to IPv4; null otherwise. Teredo's client address is stored
     * inverted.
     */
    private static byte @Nullable [] embeddedV4(byte[] b) {
        if (zeros(b, 0, 10) && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || zeros(b, 10, 12))) {
            return new byte[] {b[12], b[13], b[14], b[15]}; // ::ffff:0:0/96 mapped, ::/96 compatible
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zeros(b, 4, 12)) {
            return new byte[] {b[12], b[13], b[14], b[15]}; // 64:ff9b::/96 NAT64
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]}; // 2002::/16 6to4
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            return new byte[] {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]}; // 2001::/32 Teredo
        }
        return null;
    }

    /** 64:ff9b:1::/48, NAT64 for a network's own translators (RFC 8215). */
    private static boolean isLocalNat64(byte[] b) {
        return b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
