package dev.outbound.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.outbound.testing.Api;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.catalina.connector.Connector;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.unit.DataSize;

/** What a visitor who has not signed in can make the service do: little, and nothing kept. */
@dev.outbound.testing.StoreTest
@AutoConfigureMockMvc
@Import(ConsoleClockConfig.class)
class BeforeSignInTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    WebServerApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void a_console_post_without_a_session_is_answered_before_its_multipart_body_is_read() throws Exception {
        try (var socket = new Socket("localhost", port)) {
            // A read timeout, not a sleep: without the fix the server waits for the gigabyte.
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /console/campaigns/1/batches HTTP/1.1\r\n"
                            + "Host: localhost\r\n"
                            + "Content-Type: multipart/form-data; boundary=b\r\n"
                            + "Content-Length: 1000000000\r\n"
                            + "\r\n"
                            + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 302");
        }
    }

    @Test
    void showing_the_sign_in_page_keeps_no_session() throws Exception {
        var page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/sign-in"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().allValues("Set-Cookie"))
                .noneMatch(c -> c.startsWith("OUTBOUND_CONSOLE="))
                .anySatisfy(c -> assertThat(c)
                        .startsWith(SignInToken.COOKIE + "=")
                        .contains("HttpOnly")
                        .contains("SameSite=Strict"));
        var result = mvc.perform(get("/console/sign-in")).andReturn();
        assertThat(result.getRequest().getSession(false)).isNull();
    }

    @Test
    void the_sign_in_form_needs_the_token_of_its_own_cookie() throws Exception {
        var token = ConsoleSignIn.signInToken(mvc);
        var other = ConsoleSignIn.signInToken(mvc);
        assertThat(other.getValue()).isNotEqualTo(token.getValue());
        mvc.perform(post("/console/sign-in")
                        .cookie(token)
                        .param("_csrf", other.getValue())
                        .param("api_key", Api.SUPERUSER_KEY))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/sign-in").param("_csrf", token.getValue()).param("api_key", Api.SUPERUSER_KEY))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/sign-in")
                        .cookie(token)
                        .param("_csrf", token.getValue())
                        .param("api_key", Api.SUPERUSER_KEY))
                .andExpect(redirectedUrl("/console"));
    }

    @Test
    void an_address_with_too_many_failed_sign_ins_is_told_when_to_retry() throws Exception {
        var token = ConsoleSignIn.signInToken(mvc);
        // Another address than the tests' loopback, which the tests' configuration exempts.
        String address = "198.51.100.23";
        for (int i = 0; i < 20; i++) {
            mvc.perform(post("/console/sign-in")
                            .with(r -> {
                                r.setRemoteAddr(address);
                                return r;
                            })
                            .cookie(token)
                            .param("_csrf", token.getValue())
                            .param("api_key", "guess-" + i))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(post("/console/sign-in")
                        .with(r -> {
                            r.setRemoteAddr(address);
                            return r;
                        })
                        .cookie(token)
                        .param("_csrf", token.getValue())
                        .param("api_key", Api.SUPERUSER_KEY))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().string(Matchers.containsString("Too many failed sign-ins")));
    }

    @Test
    void multipart_is_refused_outside_the_upload_pages() throws Exception {
        MockHttpSession session = ConsoleSignIn.superuser(mvc);
        mvc.perform(get("/console/campaigns").session(session)).andExpect(status().isOk());
        String csrf = String.valueOf(session.getAttribute(ConsoleSession.CSRF));
        var file = new MockMultipartFile("file", "a.csv", "text/csv", "x".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/console/campaigns")
                        .file(file)
                        .session(session)
                        .header(ConsoleSession.CSRF_HEADER, csrf)
                        .param("campaign_name", "x"))
                .andExpect(status().isUnsupportedMediaType());
        var token = ConsoleSignIn.signInToken(mvc);
        mvc.perform(multipart("/console/sign-in")
                        .file(file)
                        .cookie(token)
                        .header(ConsoleSession.CSRF_HEADER, token.getValue())
                        .param("api_key", Api.SUPERUSER_KEY))
                .andExpect(status().isUnsupportedMediaType());
    }

    @Test
    void a_refused_body_is_drained_only_up_to_a_bound() {
        var server = (TomcatWebServer) Objects.requireNonNull(context.getWebServer());
        Connector connector = server.getTomcat().getConnector();
        int swallow = (Integer) Objects.requireNonNull(connector.getProperty("maxSwallowSize"));
        assertThat(swallow).isBetween(0, (int) DataSize.ofMegabytes(16).toBytes());
    }
}
