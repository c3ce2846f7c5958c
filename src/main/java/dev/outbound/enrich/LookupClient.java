package dev.outbound.enrich;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio Lookup v2 {@code GET /v2/PhoneNumbers/{n}?Fields=line_type_intelligence} with basic auth.
 * A 200 answer (also for numbers Lookup finds invalid: their payload carries its error_code) is a
 * result; another 4xx about the number (404, 400) is a result with Twilio's error code; 401, 403,
 * 429, 5xx and network errors are {@link LookupFailed} and the number is tried again later.
 */
@Component
class LookupClient {
    private final LookupProperties properties;
    private final JsonMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LookupClient(LookupProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    LookupResult lookup(String e164) {
        String base = properties.lookupsBaseUrl().replaceAll("/+$", "");
        var request = HttpRequest.newBuilder(URI.create(base + "/v2/PhoneNumbers/"
                        + URLEncoder.encode(e164, StandardCharsets.UTF_8) + "?Fields=line_type_intelligence"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", basic())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LookupFailed("Lookup unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupFailed("interrupted");
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new LookupFailed("Lookup refused the credentials (HTTP " + status + ")");
        }
        if (status >= 400 && status < 500 && status != 429) {
            // Lookup answered about this number (not found, malformed): keep its error code.
            JsonNode code = json.readTree(response.body().isBlank() ? "{}" : response.body())
                    .path("code");
            return result(
                    null,
                    null,
                    null,
                    null,
                    code.isMissingNode() || code.isNull() ? String.valueOf(status) : code.asString());
        }
        if (status != 200) {
            throw new LookupFailed("Lookup answered HTTP " + status);
        }
        JsonNode lti = json.readTree(response.body()).path("line_type_intelligence");
        return result(
                text(lti, "type"),
                text(lti, "carrier_name"),
                text(lti, "mobile_country_code"),
                text(lti, "mobile_network_code"),
                text(lti, "error_code"));
    }

    private LookupResult result(
            @Nullable String type,
            @Nullable String carrier,
            @Nullable String mcc,
            @Nullable String mnc,
            @Nullable String errorCode) {
        Map<String, @Nullable String> payload = new LinkedHashMap<>();
        payload.put("line_type", type);
        payload.put("carrier_name", carrier);
        payload.put("mcc", mcc);
        payload.put("mnc", mnc);
        payload.put("error_code", errorCode);
        return new LookupResult(type, json.writeValueAsString(payload));
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asString();
    }

    private String basic() {
        String pair = properties.accountSid() + ":" + properties.authToken();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The lookup did not answer usably; try again later. */
    static final class LookupFailed extends RuntimeException {
        LookupFailed(String message) {
            super(message);
        }
    }
}
