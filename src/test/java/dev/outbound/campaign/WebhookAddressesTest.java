package dev.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class WebhookAddressesTest {

    private static boolean forbidden(String literal) throws UnknownHostException {
        return WebhookAddresses.forbidden(InetAddress.getByName(literal));
    }

    @Test
    void internal_addresses_are_forbidden() throws UnknownHostException {
        for (String a : new String[] {
            "127.0.0.1",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.254",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "198.18.0.1",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "fd00:ec2::254",
            "ff02::1",
            "::ffff:10.0.0.1"
        }) {
            assertThat(forbidden(a)).as(a).isTrue();
        }
    }

    @Test
    void ipv6_addresses_that_carry_an_internal_ipv4_address_are_forbidden() throws UnknownHostException {
        for (String a : new String[] {
            "::127.0.0.1", // IPv4-compatible ::/96
            "::10.0.0.1",
            "::169.254.169.254",
            "64:ff9b::127.0.0.1", // NAT64
            "64:ff9b::a9fe:a9fe",
            "64:ff9b::10.1.2.3",
            "64:ff9b:1::808:808", // local-use NAT64: the network's own translator
            "2002:7f00:1::1", // 6to4
            "2002:a9fe:a9fe::",
            "2002:c0a8:101::1",
            "2001:0:4136:e378:8000:63bf:80ff:fffe" // Teredo, client 127.0.0.1 stored inverted
        }) {
            assertThat(forbidden(a)).as(a).isTrue();
        }
    }

    @Test
    void ipv6_addresses_that_carry_a_public_ipv4_address_are_allowed() throws UnknownHostException {
        for (String a : new String[] {"64:ff9b::8.8.8.8", "2002:808:808::1", "::8.8.8.8"}) {
            assertThat(forbidden(a)).as(a).isFalse();
        }
    }

    @Test
    void public_addresses_are_allowed() throws UnknownHostException {
        for (String a : new String[] {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"}) {
            assertThat(forbidden(a)).as(a).isFalse();
        }
    }
}
