package dev.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookUrlsTest {

    @Test
    void public_https_urls_are_accepted() {
        assertThat(WebhookUrls.problem("https://hooks.example.com/a?b=c", false))
                .isNull();
        assertThat(WebhookUrls.problem("https://93.184.216.34/x", false)).isNull();
    }

    @Test
    void only_absolute_http_urls_are_urls() {
        assertThat(WebhookUrls.problem("/relative", true)).contains("absolute");
        assertThat(WebhookUrls.problem("ftp://example.com", true)).contains("absolute");
        assertThat(WebhookUrls.problem("not a url", true)).contains("absolute");
    }

    @Test
    void plain_http_and_internal_hosts_are_refused_unless_private_targets_are_allowed() {
        assertThat(WebhookUrls.problem("http://example.com", false)).contains("https");
        for (String host : new String[] {
            "localhost",
            "api.localhost",
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "[::1]",
            "[fe80::1]",
            "[fd00::1]",
            "[::ffff:127.0.0.1]",
            "100.64.0.1"
        }) {
            assertThat(WebhookUrls.problem("https://" + host + "/hook", false))
                    .as(host)
                    .contains("loopback");
            assertThat(WebhookUrls.problem("http://" + host + "/hook", true))
                    .as(host)
                    .isNull();
        }
    }
}
