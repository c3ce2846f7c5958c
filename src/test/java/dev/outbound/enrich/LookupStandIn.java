package dev.outbound.enrich;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Twilio Lookup v2 stand-in on a JDK HttpServer: {@code GET
 * /v2/PhoneNumbers/{n}?Fields=line_type_intelligence} with basic auth, answering like the
 * documented API. Numbers it knows answer their line type intelligence; {@link #INVALID} answers
 * valid=false with error code 60600; {@link #FAILING} answers 503; {@link #NOT_FOUND} answers 404 with Twilio's error body; any other number is a landline.
 */
final class LookupStandIn implements AutoCloseable {
    static final String SID = "ACtest00000000000000000000000000";
    static final String TOKEN = "token-never-logged";
    static final String MOBILE = "+14155550101";
    static final String LANDLINE = "+14155550102";
    static final String INVALID = "+14155550103";
    static final String FAILING = "+14155550104";
    static final String NOT_FOUND = "+14155550105";

    private final HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    LookupStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/PhoneNumbers/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int calls(String number) {
        AtomicInteger n = calls.get(number);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        String expected =
                "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
            return;
        }
        String number = URLDecoder.decode(
                ex.getRequestURI().getRawPath().substring("/v2/PhoneNumbers/".length()), StandardCharsets.UTF_8);
        calls.computeIfAbsent(number, k -> new AtomicInteger()).incrementAndGet();
        if (!"Fields=line_type_intelligence".equals(ex.getRequestURI().getRawQuery())) {
            send(ex, 400, "{\"code\":60200,\"message\":\"Invalid parameter\",\"status\":400}");
            return;
        }
        switch (number) {
            case MOBILE ->
                send(ex, 200, body(number, true, "\"Onvoy, LLC - Sinch\"", "\"313\"", "\"410\"", "\"mobile\"", "null"));
            case INVALID -> send(ex, 200, body(number, false, "null", "null", "null", "null", "60600"));
            case NOT_FOUND ->
                send(ex, 404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
            case FAILING -> send(ex, 503, "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}");
            default -> send(ex, 200, body(number, true, "\"AT&T\"", "\"310\"", "\"410\"", "\"landline\"", "null"));
        }
    }

    private static String body(
            String number, boolean valid, String carrier, String mcc, String mnc, String type, String errorCode) {
        return """
                {"calling_country_code":"1","country_code":"US","phone_number":"%s","national_format":null,
                 "valid":%s,"validation_errors":%s,"caller_name":null,"sim_swap":null,"call_forwarding":null,
                 "line_type_intelligence":{"carrier_name":%s,"mobile_country_code":%s,"mobile_network_code":%s,
                   "type":%s,"error_code":%s},
                 "url":"https://lookups.twilio.com/v2/PhoneNumbers/%s"}
                """.formatted(
                        number, valid, valid ? "[]" : "[\"NOT_A_NUMBER\"]", carrier, mcc, mnc, type, errorCode, number);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
