package dev.outbound.auth;

import dev.outbound.api.Unauthorized;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every {@code /api/**} request before its handler runs (so uploads from unknown
 * callers are refused before they are read), applies the key's and its organization's rate limits and leaves the
 * {@link Caller} on the request.
 */
@Component
class Authenticator implements HandlerInterceptor {
    static final String ATTRIBUTE = Caller.class.getName();
    static final String HEADER = "Syllable-API-Key";

    private final ActiveKeys keys;
    private final KeyRateLimiter limiter;
    private final AuthFailures failures;

    Authenticator(ActiveKeys keys, KeyRateLimiter limiter, AuthFailures failures) {
        this.keys = keys;
        this.limiter = limiter;
        this.failures = failures;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String key = presentedKey(request);
        if (key == null) {
            throw new Unauthorized("Missing API key: send it in the Syllable-API-Key header");
        }
        String address = request.getRemoteAddr();
        failures.check(address);
        Caller caller = keys.find(key).orElseThrow(() -> {
            failures.failed(address);
            return new Unauthorized("Invalid or revoked API key");
        });
        limiter.acquire(caller.keyId(), caller.organizationId());
        request.setAttribute(ATTRIBUTE, caller);
        return true;
    }

    static @Nullable String presentedKey(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7);
            }
        }
        return key == null || key.isBlank() ? null : key.trim();
    }
}
