package dev.outbound.console;

import dev.outbound.auth.Caller;
import dev.outbound.auth.ConsoleSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every console request: sends a visitor without a valid key to sign in, then refuses a state
 * change without the session's CSRF token. The visitor is known from the session alone, so an
 * unauthenticated POST is answered before anything reads its body (a multipart body would
 * otherwise be parsed and spooled to disk for whoever sends it); multipart is accepted only by
 * the pages that upload a file. The key is resolved on every request so that revoking it ends
 * the console session too.
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
        if (request.getRequestURI().equals(request.getContextPath() + SignInController.PATH)) {
            return signInPage(request, response);
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
        if (!safe(request)) {
            if (multipart(request) && !takesFile(handler)) {
                refuseMultipart(response);
                return false;
            }
            if (!ConsoleSession.csrfMatches(request, presentedToken(request))) {
                refuseCsrf(response);
                return false;
            }
        }
        request.setAttribute(ConsoleSession.CALLER, caller.get());
        return true;
    }

    /** The sign-in form: a small url-encoded body whose token matches the cookie's (or the session's). */
    private static boolean signInPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (safe(request)) {
            return true;
        }
        if (multipart(request)) {
            refuseMultipart(response);
            return false;
        }
        String token = presentedToken(request);
        if (!SignInToken.matches(request, token) && !ConsoleSession.csrfMatches(request, token)) {
            refuseCsrf(response);
            return false;
        }
        return true;
    }

    private static void refuseMultipart(HttpServletResponse response) throws IOException {
        response.sendError(
                HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Only the upload pages accept multipart/form-data");
    }

    private static void refuseCsrf(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or wrong CSRF token; reload the page");
    }

    private static boolean safe(HttpServletRequest request) {
        String method = request.getMethod();
        return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method);
    }

    private static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** Whether the handler reads an uploaded file: the only console handlers that may parse multipart. */
    private static boolean takesFile(Object handler) {
        return handler instanceof HandlerMethod method
                && Arrays.stream(method.getMethodParameters())
                        .anyMatch(p -> MultipartFile.class.isAssignableFrom(p.getParameterType()));
    }

    private static @Nullable String presentedToken(HttpServletRequest request) {
        String token = request.getHeader(ConsoleSession.CSRF_HEADER);
        return token != null ? token : request.getParameter(ConsoleSession.CSRF_PARAMETER);
    }
}
