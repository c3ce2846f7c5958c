package dev.outbound.console;

import dev.outbound.api.TooManyRequests;
import dev.outbound.auth.Caller;
import dev.outbound.auth.ConsoleSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in with an API key, and out. */
@Controller
class SignInController {
    static final String PATH = "/console/sign-in";

    private final ConsoleSignIn signIn;

    SignInController(ConsoleSignIn signIn) {
        this.signIn = signIn;
    }

    @GetMapping(PATH)
    String form() {
        return "console/sign-in";
    }

    @PostMapping(PATH)
    String signIn(
            @RequestParam(name = "api_key", defaultValue = "") String key,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<Caller> caller;
        try {
            caller = signIn.signIn(key, request.getRemoteAddr());
        } catch (TooManyRequests e) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            model.addAttribute("error", e.getMessage());
            return "console/sign-in";
        }
        if (caller.isEmpty()) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("error", key.isBlank() ? "Enter an API key." : "This API key is unknown or revoked.");
            return "console/sign-in";
        }
        ConsoleSession.signIn(request, key.strip());
        return "redirect:/console";
    }

    @PostMapping("/console/sign-out")
    String signOut(HttpServletRequest request) {
        ConsoleSession.signOut(request);
        return "redirect:" + PATH;
    }
}
