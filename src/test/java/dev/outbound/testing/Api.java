package dev.outbound.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests of the running service. Every response it sees is checked
 * against the contract by {@link ContractCheck}, so each API test is also a contract test.
 */
public final class Api {
    public static final String SUPERUSER_KEY = "test-superuser-key-0123456789abcdef0123456789";
    public static final String SUPERUSER_EMAIL = "admin@example.com";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final @Nullable String key;

    private Api(String base, @Nullable String key) {
        this.base = base;
        this.key = key;
    }

    public static Api at(int port) {
        return new Api("http://127.0.0.1:" + port, SUPERUSER_KEY);
    }

    public Api withKey(@Nullable String otherKey) {
        return new Api(base, otherKey);
    }

    public static JsonMapper json() {
        return JSON;
    }

    /** A response, with its body parsed when it is JSON. */
    public record Response(int status, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse("");
        }
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, "application/json", bytes(body));
    }

    public Response put(String path, Object body) {
        return send("PUT", path, "application/json", bytes(body));
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** DELETE with a form body, as the batch delete endpoint takes. */
    public Response deleteForm(String path, Map<String, String> form) {
        var sb = new StringBuilder();
        form.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(
                "DELETE",
                path,
                "application/x-www-form-urlencoded",
                sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs {@code content} as the multipart part {@code file}. */
    public Response upload(String path, String filename, byte[] content) {
        String boundary = "----outbound" + UUID.randomUUID();
        var parts = new ArrayList<byte[]>();
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        parts.add(content);
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return send("POST", path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    public Response upload(String path, String filename, String csv) {
        return upload(path, filename, csv.getBytes(StandardCharsets.UTF_8));
    }

    /** A body-less request with one extra header. */
    public Response sendWithHeader(String method, String path, String header, String value) {
        return send(method, path, null, null, header, value);
    }

    public Response send(String method, String path, @Nullable String contentType, byte @Nullable [] body) {
        return send(method, path, contentType, body, null, null);
    }

    private Response send(
            String method,
            String path,
            @Nullable String contentType,
            byte @Nullable [] body,
            @Nullable String header,
            @Nullable String value) {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (key != null) {
            builder.header("Syllable-API-Key", key);
        }
        if (header != null && value != null) {
            builder.header(header, value);
        }
        try {
            HttpResponse<String> r = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            var response = new Response(r.statusCode(), r.body(), r.headers().map());
            ContractCheck.verify(method, path, contentType, body, response);
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Object body) {
        return body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
    }
}
