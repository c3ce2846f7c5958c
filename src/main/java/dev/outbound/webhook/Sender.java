package dev.outbound.webhook;

import dev.outbound.campaign.WebhookAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sends one webhook call. Redirects are not followed (a 3xx is a failed attempt), the host is
 * resolved and checked by {@link CheckedResolver}, connect and read have timeouts, the whole call
 * is cut off at {@link DeliveryProperties#deadline()}, and at most 64 KiB of the answer is read.
 */
@Component
class Sender implements AutoCloseable {
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final int MAX_ANSWER = 64 * 1024;

    private final CloseableHttpClient client;
    private final boolean allowPrivate;
    private final Duration deadline;
    private final ScheduledExecutorService cutoffs = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-cutoff").daemon().factory());

    Sender(DeliveryProperties properties) {
        this.allowPrivate = properties.allowPrivate();
        this.deadline = properties.deadline();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckedResolver(properties.allowPrivate()))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.readTimeout()))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                // Per-webhook limits are the claim's job; webhooks on one host share a route.
                .setMaxConnPerRoute(DeliveryWorker.inFlightLimit(properties))
                .setMaxConnTotal(DeliveryWorker.inFlightLimit(properties))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                        .setResponseTimeout(Timeout.of(properties.readTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .setUserAgent("outbound-webhooks/1")
                .build();
    }

    /** What one call came to: a status code, or why there is none. */
    record Result(@Nullable Integer statusCode, @Nullable String error, Duration took) {
        boolean ok() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    Result send(String url, String method, Map<String, String> headers, String body) {
        long start = System.nanoTime();
        String refused = refusal(url);
        if (refused != null) {
            return new Result(null, refused, Duration.ofNanos(System.nanoTime() - start));
        }
        var request = new HttpUriRequestBase(method.toUpperCase(Locale.ROOT), URI.create(url.trim()));
        headers.forEach(request::setHeader);
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        var cutoff = cutoffs.schedule(request::cancel, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            int code = response.getCode();
            drain(response.getEntity(), request);
            return new Result(code, null, Duration.ofNanos(System.nanoTime() - start));
        } catch (CheckedResolver.Refused e) {
            return new Result(null, e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | RuntimeException e) {
            String why = request.isCancelled() ? "timed out after " + deadline.toSeconds() + "s" : describe(e);
            return new Result(null, why, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            cutoff.cancel(false);
        }
    }

    /** Reads a short answer so the connection can be reused; drops the connection on a long one. */
    private static void drain(@Nullable HttpEntity entity, HttpUriRequestBase request) throws IOException {
        if (entity == null) {
            return;
        }
        try (InputStream in = entity.getContent()) {
            if (in.readNBytes(MAX_ANSWER).length == MAX_ANSWER && in.read() != -1) {
                request.cancel();
            }
        }
    }

    /** Refuses a URL whose scheme or literal address is not allowed (names are checked on resolve). */
    private @Nullable String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return "refused: not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("https") || (allowPrivate && scheme.equals("http")))) {
            return "refused: the URL must be https";
        }
        if (allowPrivate) {
            return null;
        }
        boolean literal = host.startsWith("[") || IPV4.matcher(host).matches();
        try {
            if (literal
                    && WebhookAddresses.forbidden(InetAddress.getByName(
                            host.startsWith("[") ? host.substring(1, host.length() - 1) : host))) {
                return CheckedResolver.REFUSAL;
            }
        } catch (IOException e) {
            return "refused: " + host + " is not a valid address";
        }
        return null;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    @Override
    public void close() throws IOException {
        cutoffs.shutdownNow();
        client.close();
    }
}
