package dev.outbound.console;

import dev.outbound.api.Conflict;
import dev.outbound.api.Forbidden;
import dev.outbound.api.IllegalTransition;
import dev.outbound.api.InvalidInput;
import dev.outbound.api.NotFound;
import dev.outbound.api.OutboundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The CSRF token for every console page, and errors as pages rather than JSON. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
class ConsoleAdvice {

    /**
     * The session's token once signed in; before that (the sign-in page) a cookie's, so that
     * showing the sign-in page creates no session.
     */
    @ModelAttribute("csrf")
    String csrf(HttpServletRequest request, HttpServletResponse response) {
        return token(request, response);
    }

    private static String token(HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            return ConsoleSession.csrfToken(request);
        }
        boolean secure = request.getServletContext().getSessionCookieConfig().isSecure();
        return SignInToken.issue(request, response, secure);
    }

    @ExceptionHandler(NotFound.class)
    String notFound(NotFound e, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return problem("Not found", e, request, response, model);
    }

    @ExceptionHandler(OutboundException.class)
    String refused(OutboundException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(
                switch (e) {
                    case Conflict c -> HttpServletResponse.SC_CONFLICT;
                    case IllegalTransition t -> HttpServletResponse.SC_CONFLICT;
                    case Forbidden f -> HttpServletResponse.SC_FORBIDDEN;
                    case InvalidInput i -> 422;
                    default -> HttpServletResponse.SC_BAD_REQUEST;
                });
        return problem("That did not work", e, request, response, model);
    }

    private static String problem(
            String title, Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("csrf", token(request, response));
        model.addAttribute("title", title);
        model.addAttribute("message", e.getMessage());
        return "console/problem";
    }
}
