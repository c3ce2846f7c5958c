package dev.outbound.console;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.outbound.testing.Api;
import jakarta.servlet.http.Cookie;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Signs in to the console through its form, as a person would, for MockMvc tests. */
final class ConsoleSignIn {
    private ConsoleSignIn() {}

    /** A session signed in with the superuser key of the tests. */
    static MockHttpSession superuser(MockMvc mvc) throws Exception {
        var session = new MockHttpSession();
        Cookie token = signInToken(mvc);
        mvc.perform(post("/console/sign-in")
                        .session(session)
                        .cookie(token)
                        .param("_csrf", token.getValue())
                        .param("api_key", Api.SUPERUSER_KEY))
                .andExpect(redirectedUrl("/console"));
        return session;
    }

    /** The sign-in form's CSRF cookie, as showing the form sets it (the form holds the same value). */
    static Cookie signInToken(MockMvc mvc) throws Exception {
        Cookie cookie = mvc.perform(get("/console/sign-in"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getCookie(SignInToken.COOKIE);
        return java.util.Objects.requireNonNull(cookie, "the sign-in page sets its CSRF cookie");
    }

    /** The session's CSRF token, for the forms a test posts. */
    static String csrf(MockHttpSession session) {
        return String.valueOf(session.getAttribute(ConsoleSession.CSRF));
    }
}
