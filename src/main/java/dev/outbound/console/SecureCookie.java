package dev.outbound.console;

import jakarta.servlet.ServletContext;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Marks the console's session cookie {@code Secure} when the service is reached over HTTPS
 * ({@code OUTBOUND_PUBLIC_URL} starts with {@code https://}), so the signed-in key's session never
 * travels in clear text; {@code OUTBOUND_CONSOLE_SECURE_COOKIE} set to {@code true} or {@code
 * false} decides instead.
 */
@Component
class SecureCookie implements ServletContextInitializer {
    static final String EXPLICIT = "server.servlet.session.cookie.secure";
    static final String PUBLIC_URL = "outbound.twilio.public-url";

    private final boolean secure;

    SecureCookie(Environment environment) {
        this.secure = secure(environment.getProperty(EXPLICIT), environment.getProperty(PUBLIC_URL));
    }

    static boolean secure(@Nullable String explicit, @Nullable String publicUrl) {
        if (explicit != null && !explicit.isBlank()) {
            return Boolean.parseBoolean(explicit.trim());
        }
        return publicUrl != null && publicUrl.trim().toLowerCase(Locale.ROOT).startsWith("https://");
    }

    @Override
    public void onStartup(ServletContext servletContext) {
        servletContext.getSessionCookieConfig().setSecure(secure);
    }
}
