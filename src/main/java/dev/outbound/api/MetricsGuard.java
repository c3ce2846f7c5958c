package dev.outbound.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the actuator's endpoints other than health off the public port: the metrics show every
 * organization's volumes, so on the service's port they need {@code Authorization: Bearer
 * <OUTBOUND_METRICS_TOKEN>} (401 without it) and without a token they are not there (404). Health
 * stays open for load balancers. A separate {@code OUTBOUND_MANAGEMENT_PORT} is a different server
 * this filter is not part of: whoever reaches that port may read the metrics.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class MetricsGuard extends OncePerRequestFilter {
    private static final String ACTUATOR = "/actuator";
    private static final String HEALTH = ACTUATOR + "/health";

    private final ManagementProperties properties;

    MetricsGuard(ManagementProperties properties) {
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The decoded, normalised path the handlers match on, not the raw URI: otherwise
        // /actuator/health/../prometheus or /actuator;x/prometheus would pass as something else.
        String info = request.getPathInfo();
        String path = request.getServletPath() + (info == null ? "" : info);
        boolean actuator = path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/");
        boolean health = path.equals(HEALTH) || path.startsWith(HEALTH + "/");
        return !actuator || health;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!properties.metricsServed()) {
            refuse(response, HttpServletResponse.SC_NOT_FOUND, "Not Found");
            return;
        }
        if (!bearerMatches(request.getHeader("Authorization"), properties.metricsToken())) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
            refuse(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "Send the metrics token (OUTBOUND_METRICS_TOKEN) as Authorization: Bearer <token>");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean bearerMatches(@Nullable String authorization, String token) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // Constant time, so the token cannot be guessed a character at a time.
        return MessageDigest.isEqual(presented, token.getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"detail\":\"" + detail + "\"}");
    }
}
