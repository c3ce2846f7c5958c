package dev.outbound.console;

import dev.outbound.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** What the console keeps in the HTTP session: the signed-in key and the CSRF token. */
final class ConsoleSession {
    static final String KEY = "outbound.console.key";
    static final String CSRF = "outbound.console.csrf";
    static final String CSRF_PARAMETER = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** The same request attribute the API's authenticator uses, so handlers can take a Caller. */
    static final String CALLER = Caller.class.getName();

    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleSession() {}

    /** The session's CSRF token, created with the session if need be. */
    static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(CSRF);
        if (token instanceof String s) {
            return s;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(CSRF, fresh);
        return fresh;
    }

    static boolean csrfMatches(HttpServletRequest request, @Nullable String presented) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CSRF);
        return presented != null
                && expected instanceof String s
                && MessageDigest.isEqual(
                        s.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    static @Nullable String key(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(KEY) instanceof String s ? s : null;
    }

    /** Signs in on a new session id (no fixation) with a new CSRF token. */
    static void signIn(HttpServletRequest request, String key) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession(true);
        session.removeAttribute(CSRF);
        session.setAttribute(KEY, key);
    }

    static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
