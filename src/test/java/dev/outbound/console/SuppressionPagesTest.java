package dev.outbound.console;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.outbound.testing.StoreTest;
import java.nio.charset.StandardCharsets;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The console's suppression page through MockMvc against the whole service. */
@StoreTest
@AutoConfigureMockMvc
class SuppressionPagesTest {
    @Autowired
    MockMvc mvc;

    private MockHttpSession signedIn() throws Exception {
        var session = ConsoleSignIn.superuser(mvc);
        mvc.perform(get("/console/suppressions").session(session)).andExpect(status().isOk());
        return session;
    }

    private static String csrf(MockHttpSession session) {
        return ConsoleSignIn.csrf(session);
    }

    private static MockMultipartFile csv(String text) {
        return new MockMultipartFile("file", "list.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_page_is_in_the_nav_and_adds_searches_and_removes_targets() throws Exception {
        MockHttpSession session = signedIn();
        mvc.perform(get("/console/campaigns").session(session))
                .andExpect(content().string(Matchers.containsString("href=\"/console/suppressions\"")));

        mvc.perform(post("/console/suppressions")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("target", "(512) 555-2000")
                        .param("kind", "bounced")
                        .param("reason", "returned mail"))
                .andExpect(redirectedUrl("/console/suppressions?q=%2B15125552000"));
        mvc.perform(get("/console/suppressions").session(session).param("q", "555-2000"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("+15125552000")))
                .andExpect(content().string(Matchers.containsString("returned mail")))
                .andExpect(content().string(Matchers.containsString("bounced")));
        mvc.perform(get("/console/suppressions").session(session).param("q", "nobody@"))
                .andExpect(content().string(Matchers.containsString("No entries")));

        mvc.perform(post("/console/suppressions")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("target", "not a number"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("Please correct the following")))
                .andExpect(content().string(Matchers.containsString("value=\"not a number\"")));

        mvc.perform(post("/console/suppressions/remove")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("target", "+15125552000")
                        .param("q", "2000"))
                .andExpect(redirectedUrl("/console/suppressions?q=2000"));
        mvc.perform(get("/console/suppressions").session(session).param("q", "5552000"))
                .andExpect(content().string(Matchers.containsString("No entries")));
    }

    @Test
    void an_upload_shows_its_counts_as_a_fragment_for_the_script_and_as_a_page_without() throws Exception {
        MockHttpSession session = signedIn();
        mvc.perform(multipart("/console/suppressions/upload")
                        .file(csv("target,kind\n+15125553000,dropped\n+15125553001,\nnope,\n"))
                        .session(session)
                        .header("X-Requested-With", "XMLHttpRequest")
                        .header("X-CSRF-Token", csrf(session)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"upload-outcome\"")))
                .andExpect(content().string(Matchers.containsString("<dd>2</dd>")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<html"))));
        mvc.perform(multipart("/console/suppressions/upload")
                        .file(csv("target\n+15125553000\n"))
                        .session(session)
                        .param("_csrf", csrf(session)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<html")))
                .andExpect(content().string(Matchers.containsString("id=\"upload-outcome\"")));
        mvc.perform(multipart("/console/suppressions/upload")
                        .file(csv("phone\n+15125553002\n"))
                        .session(session)
                        .header("X-Requested-With", "XMLHttpRequest")
                        .header("X-CSRF-Token", csrf(session)))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("nothing was added")));

        mvc.perform(get("/console/suppressions.csv").session(session))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.startsWith("text/csv")))
                .andExpect(content().string(Matchers.startsWith("target,kind,source,reason,added_by,created_at")))
                .andExpect(content().string(Matchers.containsString("+15125553000,dropped,upload,")));
    }

    @Test
    void an_upload_without_the_sessions_csrf_token_is_refused() throws Exception {
        MockHttpSession session = signedIn();
        mvc.perform(multipart("/console/suppressions/upload")
                        .file(csv("target\n+15125554000\n"))
                        .session(session)
                        .param("_csrf", "forged"))
                .andExpect(status().isForbidden());
    }
}
