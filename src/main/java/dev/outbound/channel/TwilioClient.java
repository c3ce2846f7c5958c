package dev.outbound.channel;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's REST API (2010-04-01) for one account: form-encoded requests, JSON answers. Failures
 * come out as {@link Rejected} (4xx: Twilio said no), {@link Throttled} (429) or {@link Failed}
 * (5xx, timeout, connection trouble: worth another try). {@link #resilient} runs a call with
 * retries and a circuit breaker around such failures.
 */
final class TwilioClient {
    private final HttpClient http;
    private final JsonMapper json;
    private final TwilioProperties properties;
    private final String authorization;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final TwilioMetrics metrics;

    TwilioClient(TwilioProperties properties, JsonMapper json, TwilioMetrics metrics) {
        this.properties = properties;
        this.json = json;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((properties.accountSid() + ":" + properties.authToken())
                                .getBytes(StandardCharsets.UTF_8));
        this.breaker = CircuitBreaker.of(
                "twilio",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(30))
                        .recordExceptions(Failed.class)
                        .build());
        this.retry = Retry.of(
                "twilio",
                RetryConfig.custom()
                        .maxAttempts(Math.max(1, properties.retries()))
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2))
                        .retryExceptions(Failed.class)
                        .build());
    }

    /** POSTs a form to a resource of the account, e.g. {@code Calls.json}. */
    JsonNode post(String resource, Map<String, String> form) {
        HttpRequest request = request(resource, "")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        return send(request);
    }

    /** GETs a resource of the account with query parameters (names may carry {@code >=}). */
    JsonNode get(String resource, Map<String, String> query) {
        return send(request(resource, "?" + encode(query)).GET().build());
    }

    /**
     * Runs {@code call} with up to {@code OUTBOUND_TWILIO_RETRIES} tries on {@link Failed}, inside
     * the circuit breaker. An open breaker answers {@link Failed} at once, without calling Twilio.
     */
    <T> T resilient(Supplier<T> call) {
        try {
            return CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(retry, call))
                    .get();
        } catch (CallNotPermittedException e) {
            metrics.error(TwilioMetrics.Kind.BREAKER_OPEN);
            throw new Failed("Twilio circuit breaker is open after repeated failures");
        }
    }

    private HttpRequest.Builder request(String resource, String query) {
        URI uri = URI.create(
                properties.apiBase() + "/2010-04-01/Accounts/" + properties.accountSid() + "/" + resource + query);
        return HttpRequest.newBuilder(uri)
                .timeout(properties.timeout())
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            metrics.error(TwilioMetrics.Kind.UNREACHABLE);
            throw new Failed("Twilio did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.error(TwilioMetrics.Kind.UNREACHABLE);
            throw new Failed("interrupted while calling Twilio");
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            return body;
        }
        String message = body.path("message").isString() ? body.path("message").asString() : "HTTP " + status;
        if (status == 429) {
            metrics.error(TwilioMetrics.Kind.THROTTLED);
            Duration wait = response.headers()
                    .firstValue("Retry-After")
                    .map(TwilioClient::seconds)
                    .orElse(Duration.ofSeconds(1));
            throw new Throttled(message, wait);
        }
        if (status >= 500) {
            metrics.error(TwilioMetrics.Kind.SERVER);
            throw new Failed("Twilio answered " + status + ": " + message);
        }
        int code = body.path("code").isNumber() ? body.path("code").asInt() : 0;
        metrics.error(TwilioMetrics.Kind.REJECTED);
        throw new Rejected(status, code, message);
    }

    private JsonNode parse(String body) {
        try {
            return body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(1, Math.min(60, Long.parseLong(retryAfter.trim()))));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    static String encode(Map<String, String> params) {
        var out = new StringJoiner("&");
        params.forEach((k, v) -> out.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** Twilio said no (4xx other than 429). */
    static final class Rejected extends RuntimeException {
        final int status;
        final int code;

        Rejected(int status, int code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    /** Too many requests: wait before the next. */
    static final class Throttled extends RuntimeException {
        final Duration retryAfter;

        Throttled(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }
    }

    /** No usable answer (5xx, timeout, connection refused): the request may or may not have been done. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }
}
