package dev.outbound.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses parameters that cannot be decoded with a 400, and NUL characters in query and form parameters with a 422 (Tomcat already refuses them in
 * the path): PostgreSQL cannot
 * store or even compare text holding one, so it would otherwise surface as a 500. JSON bodies are
 * checked by {@link NulBodyAdvice}; call lists by the upload's reader.
 */
@Component
class NulCharacterFilter extends OncePerRequestFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MESSAGE = "Text must not contain NUL characters (\\u0000)";
    private static final String UNREADABLE =
            "The query or form parameters cannot be read: every % must start a valid escape (%XX) of UTF-8 text";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<Object> loc;
        try {
            loc = offending(request);
        } catch (IllegalStateException e) {
            // Tomcat could not decode the parameters (a bad %-escape, too many of them): the
            // caller's mistake, said once here rather than as a 500 wherever they are read next.
            response.setStatus(400);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            JSON.writeValue(response.getOutputStream(), Map.of("detail", UNREADABLE));
            return;
        }
        if (loc == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(422);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(
                response.getOutputStream(), Map.of("detail", List.of(new Violation(loc, MESSAGE, "string_type"))));
    }

    private static @org.jspecify.annotations.Nullable List<Object> offending(HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            // Reading parameters would parse the whole upload here; the query string is enough.
            String query = request.getQueryString();
            return query != null && query.contains("%00") ? List.of("query") : null;
        }
        for (var e : request.getParameterMap().entrySet()) {
            boolean bad = e.getKey().indexOf('\0') >= 0;
            for (String value : e.getValue()) {
                bad |= value.indexOf('\0') >= 0;
            }
            if (bad) {
                String query = request.getQueryString();
                boolean inQuery = query != null && query.contains(e.getKey());
                return List.of(inQuery ? "query" : "body", e.getKey());
            }
        }
        return null;
    }
}
