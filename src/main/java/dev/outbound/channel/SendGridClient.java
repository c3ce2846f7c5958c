package dev.outbound.channel;

import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import com.sendgrid.helpers.mail.objects.Personalization;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.jspecify.annotations.Nullable;

/**
 * SendGrid's v3 Mail Send through {@code sendgrid-java}, with the timeouts and base URL of
 * {@link SendGridProperties}. It only sends and answers what SendGrid said; what that means is
 * {@link SendGridEmailChannel}'s call.
 */
final class SendGridClient implements Closeable {
    /** custom_args keys: every event of the message carries them back. */
    static final String REQUEST_ARG = "outbound_request_id";

    static final String ATTEMPT_ARG = "outbound_attempt";

    /** What SendGrid answered: its status, its X-Message-Id (null when absent) and its body. */
    record Answer(int status, @Nullable String messageId, String body) {}

    private final CloseableHttpClient http;
    private final SendGrid sendGrid;

    SendGridClient(SendGridProperties properties) {
        int millis = Math.toIntExact(properties.timeout().toMillis());
        var timeouts = RequestConfig.custom()
                .setConnectTimeout(millis)
                .setConnectionRequestTimeout(millis)
                .setSocketTimeout(millis)
                .build();
        this.http = HttpClients.custom()
                .setDefaultRequestConfig(timeouts)
                .setMaxConnTotal(properties.concurrency())
                .setMaxConnPerRoute(properties.concurrency())
                .disableAutomaticRetries()
                .build();
        URI base = URI.create(properties.apiBaseUrl());
        // sendgrid-java's "test" client speaks plain http: only a local stand-in is reached so.
        this.sendGrid = new SendGrid(properties.apiKey(), new Client(http, "http".equalsIgnoreCase(base.getScheme())));
        sendGrid.setHost(base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort()));
    }

    /** Sends {@code message}; the custom_args tie each of its events to the attempt. */
    Answer send(EmailMessage message, long requestId, int attemptNo) throws IOException {
        var mail = new Mail();
        mail.setFrom(new Email(message.from()));
        mail.setSubject(message.subject());
        var to = new Personalization();
        to.addTo(new Email(message.to()));
        mail.addPersonalization(to);
        mail.addContent(new Content("text/plain", message.text()));
        if (message.html() != null) {
            mail.addContent(new Content("text/html", message.html()));
        }
        message.headers().forEach(mail::addHeader);
        mail.addCustomArg(REQUEST_ARG, Long.toString(requestId));
        mail.addCustomArg(ATTEMPT_ARG, Integer.toString(attemptNo));
        var request = new Request();
        request.setMethod(Method.POST);
        request.setEndpoint("mail/send");
        request.setBody(mail.build());
        Response response = sendGrid.api(request);
        return new Answer(response.getStatusCode(), header(response.getHeaders(), "X-Message-Id"), body(response));
    }

    private static String body(Response response) {
        String body = response.getBody();
        return body == null ? "" : body;
    }

    private static @Nullable String header(@Nullable Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (var e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
