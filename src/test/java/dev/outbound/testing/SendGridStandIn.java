package dev.outbound.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for SendGrid: {@code POST /v3/mail/send} records the JSON it received and
 * answers 202 with an {@code X-Message-Id}, or what a test scripted for a recipient ({@link
 * #answer}); and the signing side of the Event Webhook, with its own EC P-256 key pair ({@link
 * #publicKey()} is what {@code OUTBOUND_SENDGRID_WEBHOOK_PUBLIC_KEY} holds).
 */
public final class SendGridStandIn implements AutoCloseable {
    public static final String API_KEY = "SG.stand-in-api-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One message SendGrid received: its JSON and its Authorization header. */
    public record Received(JsonNode body, String authorization, String messageId) {
        public String to() {
            return body.path("personalizations")
                    .path(0)
                    .path("to")
                    .path(0)
                    .path("email")
                    .asString();
        }

        public String customArg(String name) {
            return body.path("custom_args").path(name).asString();
        }
    }

    /** A scripted answer: status, body, and how long to wait before answering. */
    public record Answer(int status, String body, Duration delay) {}

    private final HttpServer server;
    private final KeyPair keys;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public SendGridStandIn() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v3/mail/send", this::send);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Base64 of the DER SubjectPublicKeyInfo, as SendGrid shows the verification key. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** Messages to {@code recipient} get this answer instead of 202. */
    public void answer(String recipient, int status, String body, Duration delay) {
        answers.put(recipient, new Answer(status, body, delay));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedBy(String recipient) {
        return received.stream().filter(r -> r.to().equals(recipient)).toList();
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in.readAllBytes());
            String id = "sg" + ids.incrementAndGet();
            var r = new Received(
                    body, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")), id);
            Answer scripted = answers.get(r.to());
            if (scripted != null) {
                Thread.sleep(scripted.delay().toMillis());
                reply(exchange, scripted.status(), scripted.body(), null);
                return;
            }
            received.add(r);
            reply(exchange, 202, "", id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body, @Nullable String messageId)
            throws IOException {
        if (messageId != null) {
            exchange.getResponseHeaders().add("X-Message-Id", messageId);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Base64 DER ECDSA over timestamp + body, as SendGrid signs. */
    public String sign(String timestamp, byte[] body) {
        try {
            var signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(timestamp.getBytes(StandardCharsets.UTF_8));
            signer.update(body);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts {@code events} (a JSON array) to the service, signed at {@code at}; answers the status. */
    public int postEvents(int port, String events, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        byte[] body = events.getBytes(StandardCharsets.UTF_8);
        return post(port, body, timestamp, sign(timestamp, body));
    }

    /** Posts a body with the given headers (null leaves one out); answers the status. */
    public static int post(int port, byte[] body, @Nullable String timestamp, @Nullable String signature) {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sendgrid/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (timestamp != null) {
            b.header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        }
        if (signature != null) {
            b.header("X-Twilio-Email-Event-Webhook-Signature", signature);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
