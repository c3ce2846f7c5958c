package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The OUTBOUND_SIP_TLS_* settings as application.yml binds them, and what the stack is given. */
class SipTlsSettingsTest {

    private static SipProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("outbound.sip", SipProperties.class);
    }

    @Test
    void the_tls_stores_bind_and_the_stack_gets_them_as_its_own_ssl_properties() {
        SipProperties sip = bind(Map.of(
                "outbound.sip.trunk", "sips:trunk.example.com",
                "outbound.sip.tls.keystore", "/etc/outbound/sip.p12",
                "outbound.sip.tls.keystore-password", "k-secret",
                "outbound.sip.tls.truststore", "/etc/outbound/trunk-ca.p12",
                "outbound.sip.tls.truststore-password", "t-secret"));
        var stack = new Properties();

        sip.tls().configure(stack);

        assertThat(stack)
                .containsEntry("javax.net.ssl.keyStore", "/etc/outbound/sip.p12")
                .containsEntry("javax.net.ssl.keyStorePassword", "k-secret")
                .containsEntry("javax.net.ssl.trustStore", "/etc/outbound/trunk-ca.p12")
                .containsEntry("javax.net.ssl.trustStorePassword", "t-secret");
        assertThat(sip.parsedTrunk().transport()).isEqualTo("tls");
        assertThat(sip.toString()).doesNotContain("k-secret").doesNotContain("t-secret");
    }

    @Test
    void a_trust_store_alone_is_given_to_the_stack_as_both_stores() {
        var stack = new Properties();

        new SipProperties.Tls("", "", "/etc/outbound/trunk-ca.p12", "t-secret").configure(stack);

        assertThat(stack)
                .containsEntry("javax.net.ssl.keyStore", "/etc/outbound/trunk-ca.p12")
                .containsEntry("javax.net.ssl.trustStore", "/etc/outbound/trunk-ca.p12")
                .containsEntry("javax.net.ssl.trustStorePassword", "t-secret");
    }

    @Test
    void without_tls_settings_the_stack_keeps_the_jdk_defaults() {
        var stack = new Properties();

        bind(Map.of("outbound.sip.trunk", "sip:trunk.example.com")).tls().configure(stack);

        assertThat(stack).doesNotContainKey("javax.net.ssl.keyStore").doesNotContainKey("javax.net.ssl.trustStore");
    }
}
