package dev.outbound.console;

import dev.outbound.auth.ConsoleSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
        if (signIn.caller(key).isEmpty()) {
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
