// The container's health check. The image has no shell, curl or wget (only a Java runtime), so
// compose (and anything else that runs a command inside the container) asks this class:
// `java -cp /opt/outbound/probe HealthProbe [url]` exits 0 when the URL answers 2xx within 2 s,
// 1 otherwise. Compiled into the base image by deploy/image/build-base.py; not part of the service.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

public final class HealthProbe {
    private HealthProbe() {}

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/readyz";
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            System.exit(status >= 200 && status < 300 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("health probe of " + url + " failed: " + e);
            System.exit(1);
        }
    }
}
