package dev.outbound.suppression;

import dev.outbound.channel.EmailComposer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The unsubscribe link of every email ({@code List-Unsubscribe}). Outside {@code /api}, without
 * an API key or CSRF token: the recipient's mail client posts to it (RFC 8058) and the signed
 * token is the only credential. A GET only shows a button that posts, because link scanners and
 * mail previews fetch every link in a message and must not unsubscribe anyone.
 */
@RestController
class EmailUnsubscribeController {
    static final String PATH = EmailComposer.UNSUBSCRIBE_PATH + "{token}";
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);
    private final EmailUnsubscribe unsubscribe;

    EmailUnsubscribeController(EmailUnsubscribe unsubscribe) {
        this.unsubscribe = unsubscribe;
    }

    @GetMapping(PATH)
    ResponseEntity<String> confirm(@PathVariable String token) {
        if (unsubscribe.check(token).isEmpty()) {
            return notFound();
        }
        return page(
                HttpStatus.OK,
                "Unsubscribe",
                "<p>Stop receiving these emails?</p>"
                        + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                        + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    /** The one-click POST (body {@code List-Unsubscribe=One-Click}), or the button above. */
    @PostMapping(PATH)
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        if (!unsubscribe.unsubscribe(token)) {
            return notFound();
        }
        return page(HttpStatus.OK, "Unsubscribed", "<p>You will not receive these emails any more.</p>");
    }

    private static ResponseEntity<String> notFound() {
        return page(HttpStatus.NOT_FOUND, "Link not found", "<p>This unsubscribe link is not valid.</p>");
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        return ResponseEntity.status(status)
                .contentType(HTML)
                // Referrer-Policy: no-referrer, so the token does not leak onwards, comes with every
                // answer (api.SecurityHeadersFilter).
                .header("Cache-Control", "no-store")
                .body("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + title
                        + "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>");
    }
}
