package dev.outbound.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.outbound.testing.StoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 18: while the SIP trunk does not answer (here nothing listens at its port), every console
 * page says that voice requests wait and why, so a batch standing still is explained where people
 * look at it.
 */
@StoreTest
@AutoConfigureMockMvc
class ConsolePausedChannelTest {
    private static final int OURS = 16080;
    private static final int TRUNK = 16081;

    @DynamicPropertySource
    static void sip(DynamicPropertyRegistry r) {
        r.add("outbound.channels.voice", () -> "sip");
        r.add("outbound.sip.trunk", () -> "sip:127.0.0.1:" + TRUNK);
        r.add("outbound.sip.local-port", () -> OURS);
        r.add("outbound.sip.keepalive", () -> "30s");
    }

    @Autowired
    MockMvc mvc;

    @Test
    void every_console_page_says_that_voice_requests_wait_while_the_trunk_does_not_answer() throws Exception {
        var session = ConsoleSignIn.superuser(mvc);
        for (String page : new String[] {"/console/campaigns", "/console/agents", "/console/suppressions"}) {
            String html = mvc.perform(get(page).session(session))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(html)
                    .as(page)
                    .contains("class=\"paused\"")
                    .contains("Voice requests are waiting: the SIP trunk sip:127.0.0.1:" + TRUNK
                            + " does not answer its OPTIONS keep-alive (channel sip)")
                    .doesNotContain("Sms requests are waiting")
                    .doesNotContain("Email requests are waiting");
        }
    }
}
