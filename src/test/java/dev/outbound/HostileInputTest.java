package dev.outbound;

import static dev.outbound.testing.Fixtures.aCallList;
import static dev.outbound.testing.Fixtures.aMinimalCampaign;
import static dev.outbound.testing.Fixtures.createBatch;
import static dev.outbound.testing.Fixtures.createCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A corpus of malformed and hostile input: every case answers 4xx with a useful {@code detail},
 * the service stays healthy, and nothing stored changes (no half-stored upload, no row written
 * by a refused request).
 */
@StoreTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "outbound.ingest.max-rows=" + HostileInputTest.MAX_ROWS)
class HostileInputTest {
    static final int MAX_ROWS = 1000;
    private static final String CAMPAIGNS = "/api/v1/outbound/campaigns";
    private static final String BATCHES = "/api/v1/outbound/batches";
    private static final String API_KEYS = "/api/v1/outbound/api-keys";
    private static final String FORMULA = "=cmd|' /C calc'!A0";

    @LocalServerPort
    int port;

    Api api;
    long campaignId;
    String batchId;
    /** A batch with no call list yet: hostile uploads go here. */
    String emptyBatchId;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        campaignId = createCampaign(api);
        batchId = createBatch(api, campaignId);
        assertThat(api.upload(BATCHES + "/" + batchId + "/upload_batch", "a.csv", aCallList(3))
                        .status())
                .isEqualTo(200);
        emptyBatchId = createBatch(api, campaignId);
    }

    static Stream<Arguments> hostileCallLists() {
        var garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        String valid = "reference_id,target\nr1,+14155550123\n";
        return Stream.of(
                Arguments.of("zero bytes", new byte[0]),
                Arguments.of("binary garbage", garbage),
                Arguments.of("a NUL byte in a field", utf8("reference_id,target,name\nr1,+14155550123,a\0b\n")),
                Arguments.of("NUL bytes only", new byte[4096]),
                Arguments.of(
                        "a 2 MB field",
                        utf8("reference_id,target,name\nr1,+14155550123,\"" + "x".repeat(2 << 20) + "\"\n")),
                Arguments.of("a 10 MB line of short fields", utf8("reference_id,target\n" + "a,".repeat(5 << 20))),
                Arguments.of("a 10 MB header", utf8("x".repeat(10 << 20) + "\nr1,+14155550123\n")),
                Arguments.of("UTF-16 with a BOM", valid.getBytes(StandardCharsets.UTF_16)),
                Arguments.of("UTF-16LE without a BOM", valid.getBytes(StandardCharsets.UTF_16LE)),
                Arguments.of(
                        "Latin-1",
                        "reference_id,target,name\nr1,+14155550123,José\n".getBytes(StandardCharsets.ISO_8859_1)),
                Arguments.of("an unbalanced quote", utf8("reference_id,target,name\nr1,+14155550123,\"open\n")),
                Arguments.of("a header only", utf8("reference_id,target,name\n")),
                Arguments.of("no header", utf8("r1,+14155550123\nr2,+14155550124\n")),
                Arguments.of("a header without target", utf8("reference_id,name\nr1,x\n")),
                Arguments.of("a column named twice", utf8("reference_id,target,target\nr1,+14155550123,x\n")),
                Arguments.of("a row with too many fields", utf8(valid + "r2,+14155550124,extra\n")),
                Arguments.of(
                        "a reference_id longer than its column",
                        utf8("reference_id,target\n" + "r".repeat(501) + ",+14155550123\n")),
                Arguments.of(
                        "a target longer than its column", utf8("reference_id,target\nr1," + "1".repeat(501) + "\n")),
                Arguments.of(
                        "a 2,000-character column named twice",
                        utf8("reference_id,target," + "c".repeat(2_000) + "," + "C".repeat(2_000)
                                + "\nr1,+14155550123,a,b\n")),
                Arguments.of(
                        "a priority of 100,000 characters",
                        utf8("reference_id,target,priority\nr1,+14155550123," + "p".repeat(100_000) + "\n")),
                Arguments.of(
                        "other columns longer than the variables column together",
                        utf8("reference_id,target,a,b\nr1,+14155550123," + "a".repeat(600_000) + ","
                                + "b".repeat(600_000) + "\n")),
                Arguments.of("more rows than OUTBOUND_MAX_UPLOAD_ROWS", utf8(aCallList(MAX_ROWS + 1))));
    }

    static Stream<Arguments> callListsTooLongForTheirColumns() {
        return Stream.of(
                Arguments.of("reference_id", "reference_id,target\n" + "r".repeat(501) + ",+14155550123\n"),
                Arguments.of("target", "reference_id,target\nr1," + "1".repeat(501) + "\n"),
                Arguments.of(
                        "appears more than once",
                        "reference_id,target," + "c".repeat(5_000) + "," + "C".repeat(5_000)
                                + "\nr1,+14155550123,a,b\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callListsTooLongForTheirColumns")
    void a_call_list_too_long_for_its_columns_fails_the_batch_with_a_short_message(String named, String csv) {
        var r = api.upload(BATCHES + "/" + emptyBatchId + "/upload_batch", "long.csv", csv);

        assertThat(r.status()).as(abbreviate(r.body())).isEqualTo(422);
        String msg = r.json().path("detail").path(0).path("msg").asString();
        assertThat(msg).contains(named).hasSizeLessThanOrEqualTo(500);
        JsonNode batch = api.get(BATCHES + "/" + emptyBatchId).json();
        assertThat(batch.path("status").asString()).isEqualTo("FAILED");
        assertThat(batch.path("error_message").asString()).isEqualTo(msg);
        assertThat(batch.path("status_counts")).isEmpty();
        assertHealthy();
    }

    @Test
    void api_values_longer_than_their_columns_are_refused_naming_the_field() {
        String before = snapshot();
        String requests = BATCHES + "/" + batchId + "/requests";
        var longTarget = Map.of("reference_id", "r-long", "target", "1".repeat(501), "request_variables", Map.of());
        assertRefusedNaming("target", api.post(requests, longTarget));
        assertRefusedNaming(
                "insights_status",
                api.post(requests + "/ref-0/conversation", Map.of("insights_status", "s".repeat(33))));
        assertRefusedNaming(
                "insights",
                api.post(requests + "/ref-0/conversation", Map.of("insights", Map.of("k", "i".repeat(100_001)))));
        assertRefusedNaming(
                "delete_reason", api.deleteForm(BATCHES + "/" + batchId, Map.of("delete_reason", "d".repeat(2_001))));
        String longEmail = "u".repeat(320) + "@example.com";
        assertRefusedNaming("user_email", api.post("/api/v1/outbound/api-keys", Map.of("user_email", longEmail)));
        assertRefusedNaming(
                "admin_email",
                api.post("/api/v1/outbound/organizations", Map.of("name", "long-email", "admin_email", longEmail)));
        assertRefusedNaming(
                "filename",
                api.upload(BATCHES + "/" + emptyBatchId + "/upload_batch", "f".repeat(1_001) + ".csv", aCallList(1)));
        assertThat(api.get(BATCHES + "/" + emptyBatchId).json().path("status").asString())
                .isNotEqualTo("FAILED");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(api.get("/api/v1/outbound/api-keys").body()).doesNotContain(longEmail);
        assertHealthy();
    }

    static Stream<Arguments> malformedTwilioCallbacks() {
        String form = "CallSid=CA1&CallStatus=completed";
        return Stream.of(
                Arguments.of("a bad escape in the query", "/twilio/voice/status?r=%zz&a=1&k=%", form),
                Arguments.of("a bad escape in the form", "/twilio/voice/status?r=1&a=1", "CallSid=%zz&CallStatus=%"),
                Arguments.of("a bad escape in an SMS callback", "/twilio/sms/status?r=%G0&a=1", "MessageSid=SM1"),
                Arguments.of("a bad escape in an SMS reply", "/twilio/sms/inbound?x=%", "From=%2&Body=STOP"),
                Arguments.of("an escape that is not UTF-8", "/twilio/voice/status?r=%C3%28&a=1", form));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTwilioCallbacks")
    void a_malformed_twilio_callback_is_refused_without_a_stack_trace(
            String name, String pathAndQuery, String form, CapturedOutput output) throws Exception {
        String before = snapshot();
        int status = rawPost(pathAndQuery, "application/x-www-form-urlencoded", form, "X-Twilio-Signature: forged");

        assertThat(status).as(name).isIn(400, 403);
        assertThat(output.getAll()).as(name).doesNotContain("Unexpected error").doesNotContain("\tat ");
        assertThat(snapshot()).isEqualTo(before);
        assertHealthy();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileCallLists")
    void a_hostile_call_list_is_refused_with_a_reason_and_stores_no_row(String name, byte[] content) {
        String before = snapshot();
        var r = api.upload(BATCHES + "/" + emptyBatchId + "/upload_batch", "hostile.csv", content);
        assertUseful4xx(name, r);
        assertThat(snapshot()).as(name).isEqualTo(before);
        assertThat(api.get(BATCHES + "/" + emptyBatchId).json().path("status_counts"))
                .as(name)
                .isEmpty();
        assertHealthy();
        var retry = api.upload(BATCHES + "/" + emptyBatchId + "/upload_batch", "good.csv", aCallList(2));
        assertThat(retry.status()).as("a good file after " + name).isEqualTo(200);
    }

    @Test
    void a_formula_in_a_call_list_is_stored_as_text_unchanged() {
        String csv = "reference_id,target,name\nr1,+14155550123,\"" + FORMULA + "\"\nr2,+14155550124,@SUM(1+1)\n";
        var r = api.upload(BATCHES + "/" + emptyBatchId + "/upload_batch", "formula.csv", csv);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode results = api.get(BATCHES + "/" + emptyBatchId + "/results").json();
        assertThat(results.get(0).path("request_variables").path("name").asString())
                .isEqualTo(FORMULA);
        assertThat(results.get(1).path("request_variables").path("name").asString())
                .isEqualTo("@SUM(1+1)");
    }

    static Stream<Arguments> hostileQueries() {
        return Stream.of(
                Arguments.of("limit beyond an int", "limit=99999999999999999999"),
                Arguments.of("negative limit", "limit=-5"),
                Arguments.of("negative page", "page=-1"),
                Arguments.of("page that is no number", "page=1e3"),
                Arguments.of("order_by with SQL", "order_by=" + enc("id; DROP TABLE batch; --")),
                Arguments.of("unknown order_by", "order_by=password"),
                Arguments.of("unknown direction", "order_by=created_at&order_by_direction=sideways"),
                Arguments.of("search field with SQL", "search_fields=" + enc("1=1 OR") + "&search_field_values=x"),
                Arguments.of("unpaired search", "search_fields=created_at"),
                Arguments.of("unknown projection", "fields=secret"),
                Arguments.of("a date that is no date", "start_datetime=" + enc("yesterday'--")),
                Arguments.of("a NUL in a search value", "search_fields=status&search_field_values=%00"),
                Arguments.of(
                        "a NUL in a date", "search_fields=last_updated_at&search_field_values=" + enc("2026-01-01\0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileQueries")
    void a_hostile_list_query_is_refused_on_both_lists(String name, String query) {
        String before = snapshot();
        for (String list : List.of(CAMPAIGNS, BATCHES)) {
            assertUseful4xx(name + " on " + list, api.get(list + "?" + query));
        }
        assertThat(snapshot()).isEqualTo(before);
        assertHealthy();
    }

    /** Without OUTBOUND_METRICS_TOKEN (as here) the actuator beyond health is simply not there. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("actuatorProbes")
    void probing_the_actuator_with_any_credentials_finds_nothing_but_health(String path, String authorization) {
        var r = api.withKey(null).sendWithHeader("GET", path, "Authorization", authorization);
        // Tomcat refuses some paths itself (400, its own page) before the application sees them.
        assertThat(r.status()).as(path).isIn(400, 404);
        if (r.status() == 404) {
            assertUseful4xx(path + " with " + abbreviate(authorization), r);
        }
        assertThat(r.body()).doesNotContain("jvm_").doesNotContain("outbound_");
        assertHealthy();
    }

    static Stream<Arguments> actuatorProbes() {
        var anyCredentials = List.of(
                "Bearer ",
                "Bearer " + Api.SUPERUSER_KEY,
                "Bearer " + "x".repeat(8000),
                "Basic YWRtaW46YWRtaW4=",
                "Bearer ../../etc/passwd");
        var paths = List.of(
                "/actuator/prometheus",
                "/actuator",
                "/actuator/env",
                "/actuator/heapdump",
                "/actuator/prometheus/../prometheus",
                "/actuator/health/../prometheus",
                "/actuator/health/..;/prometheus",
                "/actuator/health/%2e%2e/prometheus",
                "/actuator/health;/../prometheus",
                "/actuator;x=1/prometheus",
                "/actuator/prometheus;jsessionid=1",
                "/ACTUATOR/prometheus");
        return paths.stream().flatMap(p -> anyCredentials.stream().map(a -> Arguments.of(p, a)));
    }

    @Test
    void an_unknown_status_is_refused_where_statuses_are_filtered() {
        assertUseful4xx("batch status", api.get(BATCHES + "?search_fields=status&search_field_values=EXPLODED"));
        assertUseful4xx("result status", api.get(BATCHES + "/" + batchId + "/results?status=EXPLODED"));
        assertHealthy();
    }

    @Test
    void sql_and_nul_in_search_values_match_nothing_and_leak_nothing() {
        String before = snapshot();
        for (String value : List.of("' OR '1'='1", "%", "_", "\\", "x'); DROP TABLE batch; --")) {
            var r = api.get(BATCHES + "?search_fields=batch_id&search_field_values=" + enc(value));
            assertThat(r.status()).as(value).isEqualTo(200);
            assertThat(r.json().path("total_count").asInt()).as(value).isZero();
        }
        var nul = api.get(BATCHES + "?search_fields=batch_id&search_field_values=%00");
        assertThat(nul.status()).as(nul.body()).isIn(200, 422);
        var page = api.get(BATCHES + "?page=2147483647&limit=1000");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().path("items")).isEmpty();
        var huge = api.get(CAMPAIGNS + "?limit=2000000000");
        assertThat(huge.status()).isEqualTo(200);
        assertThat(huge.json().path("page_size").asInt()).isEqualTo(1000);
        assertThat(snapshot()).isEqualTo(before);
        assertHealthy();
    }

    static Stream<Arguments> hostileBodies() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String deepField = "{\"campaign_name\":\"n\",\"campaign_variables\":" + "{\"a\":".repeat(5_000) + "1"
                + "}".repeat(5_000) + "}";
        byte[] invalidUtf8 = concat(utf8("{\"campaign_name\":\""), new byte[] {(byte) 0xC3, (byte) 0x28}, utf8("\"}"));
        byte[] utf16 = "{\"campaign_name\":\"x\"}".getBytes(StandardCharsets.UTF_16);
        return Stream.of(
                Arguments.of("a 2 MB JSON body", "POST", CAMPAIGNS, "application/json", hugeJson()),
                Arguments.of("JSON nested 100,000 deep", "POST", CAMPAIGNS, "application/json", utf8(deep)),
                Arguments.of("a field nested 5,000 deep", "POST", CAMPAIGNS, "application/json", utf8(deepField)),
                Arguments.of("invalid UTF-8", "POST", CAMPAIGNS, "application/json", invalidUtf8),
                Arguments.of("UTF-16 JSON", "POST", CAMPAIGNS, "application/json", utf16),
                Arguments.of("JSON sent as text/plain", "POST", CAMPAIGNS, "text/plain", json(aMinimalCampaign())),
                Arguments.of("XML", "POST", CAMPAIGNS, "application/xml", utf8("<campaign/>")),
                Arguments.of("a form", "POST", BATCHES, "application/x-www-form-urlencoded", utf8("batch_id=x")),
                Arguments.of("no content type", "POST", BATCHES, null, utf8("{\"batch_id\":\"x\"}")),
                Arguments.of("a JSON array", "POST", CAMPAIGNS, "application/json", utf8("[1,2,3]")),
                Arguments.of("JSON null", "POST", BATCHES, "application/json", utf8("null")),
                Arguments.of("a bare string", "POST", BATCHES, "application/json", utf8("\"batch\"")),
                Arguments.of("trailing garbage", "POST", CAMPAIGNS, "application/json", utf8("{}}}}")),
                Arguments.of("a NUL in a name", "POST", CAMPAIGNS, "application/json", campaignNamed("a\0b")),
                Arguments.of(
                        "a key role that is no role", "POST", API_KEYS, "application/json", keyWithRole("\"owner\"")),
                Arguments.of("a key role as a number", "POST", API_KEYS, "application/json", keyWithRole("1")),
                Arguments.of(
                        "a 100,000-char key role",
                        "POST",
                        API_KEYS,
                        "application/json",
                        keyWithRole("\"" + "a".repeat(100_000) + "\"")),
                Arguments.of(
                        "a 100,000-char name",
                        "POST",
                        CAMPAIGNS,
                        "application/json",
                        campaignNamed("n".repeat(100_000))),
                Arguments.of(
                        "a rate beyond a long",
                        "POST",
                        CAMPAIGNS,
                        "application/json",
                        campaignWith("hourly_rate", "1e400")),
                Arguments.of(
                        "a rate beyond an int",
                        "POST",
                        CAMPAIGNS,
                        "application/json",
                        campaignWith("hourly_rate", "99999999999999999999")),
                Arguments.of(
                        "a negative retry count",
                        "POST",
                        CAMPAIGNS,
                        "application/json",
                        campaignWith("retry_count", "-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void a_hostile_body_is_refused(String name, String method, String path, @Nullable String type, byte[] body) {
        String before = snapshot();
        assertUseful4xx(name, api.send(method, path, type, body));
        assertThat(snapshot()).as(name).isEqualTo(before);
        assertHealthy();
    }

    @Test
    void nul_bytes_and_huge_ids_in_batch_bodies_and_paths_are_refused() throws Exception {
        String before = snapshot();
        var nulBatch = Map.of("batch_id", "a\0b", "campaign_id", campaignId);
        assertUseful4xx("NUL batch id", api.post(BATCHES, nulBatch));
        var longBatch = Map.of("batch_id", "b".repeat(100_000), "campaign_id", campaignId);
        assertUseful4xx("long batch id", api.post(BATCHES, longBatch));
        var nulRequest = Map.of("reference_id", "r\0", "target", "+14155550123", "request_variables", Map.of());
        assertUseful4xx("NUL reference id", api.post(BATCHES + "/" + batchId + "/requests", nulRequest));
        var nulVariable =
                Map.of("reference_id", "r9", "target", "+14155550123", "request_variables", Map.of("v", "\0"));
        assertUseful4xx("NUL variable", api.post(BATCHES + "/" + batchId + "/requests", nulVariable));
        assertUseful4xx("NUL delete reason", api.deleteForm(BATCHES + "/" + batchId, Map.of("delete_reason", "\0")));
        assertUseful4xx("NUL removal", api.post(BATCHES + "/" + batchId + "/remove-requests", List.of("\0")));
        assertThat(rawStatus(BATCHES + "/a%00b")).isEqualTo(400);
        assertUseful4xx("NUL in results filter", api.get(BATCHES + "/" + batchId + "/results?reference_id=%00"));
        assertUseful4xx("huge campaign id", api.get(CAMPAIGNS + "/99999999999999999999"));
        assertUseful4xx("negative campaign id", api.get(CAMPAIGNS + "/-1"));
        assertThat(snapshot()).isEqualTo(before);
        assertHealthy();
    }

    /** Lists, counts and results of everything stored, excluding the batch hostile uploads target. */
    private String snapshot() {
        var parts = new ArrayList<String>();
        parts.add(api.get(CAMPAIGNS + "?limit=1000").body());
        parts.add(api.get(API_KEYS).body());
        JsonNode batches = api.get(BATCHES + "?limit=1000&include_deleted=true").json();
        parts.add(String.valueOf(batches.path("total_count").asInt()));
        for (JsonNode b : batches.path("items")) {
            String id = b.path("batch_id").asString();
            if (!id.equals(emptyBatchId)) {
                parts.add(b.toString());
                parts.add(api.get(BATCHES + "/" + id).body());
                parts.add(api.get(BATCHES + "/" + id + "/results").body());
            }
        }
        return String.join("\n", parts);
    }

    private static void assertRefusedNaming(String field, Api.Response r) {
        assertThat(r.status()).as(field + ": " + abbreviate(r.body())).isEqualTo(422);
        assertThat(r.json().path("detail").path(0).path("loc").toString())
                .as(field + ": " + abbreviate(r.body()))
                .contains("\"" + field + "\"");
        assertThat(r.body()).as(field).doesNotContain("Exception").doesNotContain("SQL");
    }

    /**
     * Sends a POST exactly as written: Java's HTTP client refuses a malformed %-escape in a URL
     * before sending it, and a hostile caller's client does not. Answers the status code.
     */
    private int rawPost(String pathAndQuery, String contentType, String body, String header) throws Exception {
        byte[] content = utf8(body);
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(utf8("POST " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                    + "\r\n" + header + "\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n\r\n"));
            out.write(content);
            out.flush();
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String statusLine = String.valueOf(in.readLine());
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /** Tomcat refuses an encoded NUL in the path before the application, with its own HTML body. */
    private int rawStatus(String path) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Syllable-API-Key", Api.SUPERUSER_KEY)
                .build();
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }

    @Test
    void a_call_list_over_the_row_cap_names_the_setting_and_one_at_the_cap_loads() {
        var over = api.upload(BATCHES + "/" + emptyBatchId + "/upload_batch", "big.csv", aCallList(MAX_ROWS + 1));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.json().path("detail").path(0).path("msg").asString())
                .contains("at most " + MAX_ROWS + " rows", "OUTBOUND_MAX_UPLOAD_ROWS");
        var at = api.upload(BATCHES + "/" + emptyBatchId + "/upload_batch", "cap.csv", aCallList(MAX_ROWS));
        assertThat(at.status()).as(at.body()).isEqualTo(200);
    }

    @Test
    void console_posts_before_sign_in_are_answered_without_reading_their_bodies() {
        byte[] form = utf8("--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nx\r\n--b--\r\n");
        String multipart = "multipart/form-data; boundary=b";
        assertThat(api.send("POST", "/console/sign-in", multipart, form).status())
                .isEqualTo(415);
        assertThat(api.send("POST", "/console/suppressions/upload", multipart, form)
                        .status())
                .isEqualTo(302);
        assertThat(api.send("POST", "/console/campaigns", multipart, form).status())
                .isEqualTo(302);
        assertHealthy();
    }

    private void assertHealthy() {
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    }

    private static void assertUseful4xx(String name, Api.Response r) {
        assertThat(r.status()).as(name + ": " + abbreviate(r.body())).isBetween(400, 499);
        JsonNode detail = r.json().path("detail");
        String text = detail.isString()
                ? detail.asString()
                : detail.path(0).path("msg").asString();
        assertThat(text).as(name + ": " + abbreviate(r.body())).isNotBlank();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static byte[] hugeJson() {
        var body = aMinimalCampaign();
        body.put("campaign_variables", Map.of("blob", "x".repeat(2 << 20)));
        return json(body);
    }

    private static byte[] keyWithRole(String roleJson) {
        return utf8("{\"user_email\":\"hostile@example.com\",\"role\":" + roleJson + "}");
    }

    private static byte[] campaignNamed(String name) {
        var body = aMinimalCampaign();
        body.put("campaign_name", name);
        return json(body);
    }

    private static byte[] campaignWith(String field, String rawNumber) {
        String body = new String(json(aMinimalCampaign()), StandardCharsets.UTF_8);
        return utf8("{\"" + field + "\":" + rawNumber + "," + body.substring(1));
    }

    private static byte[] json(Object body) {
        return Api.json().writeValueAsBytes(body);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        var out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
