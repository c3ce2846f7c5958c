package dev.outbound.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;

/**
 * The sign-in form's CSRF token without a session: the token sits in a cookie and in the form
 * (double submit), so showing the sign-in page keeps nothing on the server. A site that cannot
 * read or set the visitor's cookies cannot make the two agree.
 */
final class SignInToken {
    static final String COOKIE = "OUTBOUND_SIGN_IN";

    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LENGTH = 43; // 32 bytes, URL-safe Base64 without padding

    private SignInToken() {}

    /** The visitor's token, set in a new cookie unless the request already carries one. */
    static String issue(HttpServletRequest request, HttpServletResponse response, boolean secure) {
        String token = presented(request);
        if (token != null) {
            return token;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ResponseCookie cookie = ResponseCookie.from(COOKIE, fresh)
                .path(request.getContextPath() + SignInController.PATH)
                .httpOnly(true)
                .sameSite("Strict")
                .secure(secure || request.isSecure())
                .maxAge(LIFETIME)
                .build();
        response.addHeader("Set-Cookie", cookie.toString());
        return fresh;
    }

    static boolean matches(HttpServletRequest request, @Nullable String form) {
        String cookie = presented(request);
        return cookie != null
                && form != null
                && MessageDigest.isEqual(
                        cookie.getBytes(StandardCharsets.UTF_8), form.getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable String presented(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            String value = cookie.getValue();
            if (COOKIE.equals(cookie.getName()) && value != null && value.length() == LENGTH) {
                return value;
            }
        }
        return null;
    }
}
