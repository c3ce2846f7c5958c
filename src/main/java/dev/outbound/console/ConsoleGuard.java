package dev.outbound.console;

import dev.outbound.auth.Caller;
import dev.outbound.auth.ConsoleSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every console request but the sign-in page: refuses a state change without the session's CSRF
 * token, and sends a visitor without a valid key to sign in. The key is resolved on every request
 * so that revoking it ends the console session too.
 */
@Component
class ConsoleGuard implements HandlerInterceptor {
    private final ConsoleSignIn signIn;

    ConsoleGuard(ConsoleSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!safe(request) && !csrfPresent(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or wrong CSRF token; reload the page");
            return false;
        }
        if (request.getRequestURI().equals(request.getContextPath() + SignInController.PATH)) {
            return true;
        }
        String key = ConsoleSession.key(request);
        Optional<Caller> caller = key == null ? Optional.empty() : signIn.caller(key);
        if (caller.isEmpty()) {
            ConsoleSession.signOut(request);
            String target = request.getContextPath() + SignInController.PATH;
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", target);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect(target);
            }
            return false;
        }
        request.setAttribute(ConsoleSession.CALLER, caller.get());
        return true;
    }

    private static boolean safe(HttpServletRequest request) {
        String method = request.getMethod();
        return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method);
    }

    private static boolean csrfPresent(HttpServletRequest request) {
        String token = request.getHeader(ConsoleSession.CSRF_HEADER);
        if (token == null) {
            token = request.getParameter(ConsoleSession.CSRF_PARAMETER);
        }
        return ConsoleSession.csrfMatches(request, token);
    }
}
