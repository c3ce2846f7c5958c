package dev.outbound.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@StoreTest
class OpenApiDocumentTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> EXTENSION_PATHS = List.of(
            "/api/v1/outbound/organizations",
            "/api/v1/outbound/api-keys",
            "/api/v1/outbound/api-keys/{key_id}",
            "/api/v1/outbound/batches/{batch_id}/results.csv",
            "/api/v1/outbound/batches/{batch_id}/forecast",
            "/api/v1/outbound/batches/{batch_id}/requests/{reference_id}/attempts",
            "/api/v1/outbound/batches/{batch_id}/requests/{reference_id}/conversation",
            "/api/v1/outbound/batches/{batch_id}/requests/{reference_id}/callback",
            "/api/v1/outbound/suppressions",
            "/api/v1/outbound/suppressions/{target}",
            "/api/v1/outbound/suppressions/upload",
            "/api/v1/outbound/suppressions.csv",
            "/api/v1/outbound/policy");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    private JsonNode served() {
        var r = Api.at(port).withKey(null).get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        return r.json();
    }

    private static ObjectNode contract() {
        return OpenApiDocument.read(JSON, OpenApiDocument.CONTRACT);
    }

    @Test
    void is_served_without_an_api_key() {
        assertThat(Api.at(port).withKey(null).get("/openapi.json").status()).isEqualTo(200);
        assertThat(Api.at(port).withKey("not-a-key").get("/openapi.json").status())
                .isEqualTo(200);
    }

    @Test
    void keeps_every_contract_path_and_schema_unchanged() {
        JsonNode served = served();
        ObjectNode contract = contract();
        for (var e : contract.get("paths").properties()) {
            assertThat(served.get("paths").get(e.getKey()))
                    .as("contract path %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
        for (var e : contract.get("components").get("schemas").properties()) {
            assertThat(served.get("components").get("schemas").get(e.getKey()))
                    .as("contract schema %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
        assertThat(served.get("components").get("securitySchemes").get("APIKeyHeader"))
                .isEqualTo(contract.get("components").get("securitySchemes").get("APIKeyHeader"));
        assertThat(served.get("openapi")).isEqualTo(contract.get("openapi"));
    }

    @Test
    void adds_the_extension_paths_schemas_and_bearer_auth() {
        JsonNode served = served();
        for (String path : EXTENSION_PATHS) {
            assertThat(served.get("paths").has(path)).as(path).isTrue();
        }
        JsonNode schemas = served.get("components").get("schemas");
        for (String schema : List.of(
                "CreatedOrganization",
                "CreatedKey",
                "ApiKeyView",
                "RequestAttempt",
                "OutboundCampaignExtensions",
                "ErrorDetail",
                "Suppression",
                "SuppressionInput",
                "SuppressionUploadOutcome",
                "CallbackInput",
                "ScheduledCallback")) {
            assertThat(schemas.has(schema)).as(schema).isTrue();
        }
        assertThat(schemas.get("OutboundCampaignExtensions").get("properties").propertyNames())
                .contains(
                        "timezone",
                        "hours_in",
                        "agent_url",
                        "contact_limit",
                        "duplicate_targets",
                        "retry_rules",
                        "machine_outcome",
                        "restricted_dates",
                        "max_concurrent");
        assertThat(schemas.get("RestrictedDate").get("properties").propertyNames())
                .containsExactlyInAnyOrder("start", "end", "name");
        assertThat(schemas.get("RecipientRule").get("properties").propertyNames())
                .containsExactlyInAnyOrder(
                        "region",
                        "daily_start_time",
                        "daily_end_time",
                        "active_days",
                        "contact_limit",
                        "name",
                        "source");
        for (String policy : List.of("OrganizationPolicy", "OrganizationPolicyInput")) {
            assertThat(schemas.get(policy).get("properties").propertyNames())
                    .as(policy)
                    .contains("contact_limit", "restricted_dates", "recipient_rules", "max_concurrent");
        }
        assertThat(schemas.get("RetryRule").get("properties").propertyNames())
                .containsExactlyInAnyOrder("count", "interval");
        assertThat(schemas.get("CommunicationRequestResultExtensions")
                        .get("properties")
                        .propertyNames())
                .containsExactlyInAnyOrder("reason", "reason_detail");
        assertThat(schemas.get("ContactLimit").get("properties").propertyNames())
                .containsExactlyInAnyOrder("max_attempts", "days", "after_conversation_days");
        assertThat(schemas.get("RequestAttempt").get("properties").propertyNames())
                .containsExactlyInAnyOrder(
                        "attempt_no",
                        "started_at",
                        "ended_at",
                        "channel_sid",
                        "channel_status",
                        "outcome",
                        "detail",
                        "reason",
                        "reason_detail");
        assertThat(served.get("components").get("parameters").has("include_deleted"))
                .isTrue();
        JsonNode bearer = served.get("components").get("securitySchemes").get("BearerAuth");
        assertThat(bearer.get("type").asString()).isEqualTo("http");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
        assertThat(served.get("security").toString()).contains("APIKeyHeader", "BearerAuth");
        assertThat(served.get("info").get("title").asString()).isEqualTo("outbound");
        assertThat(served.get("paths")
                        .get("/api/v1/outbound/batches/{batch_id}/results.csv")
                        .get("get")
                        .get("responses")
                        .get("200")
                        .get("content")
                        .has("text/csv"))
                .isTrue();
    }

    @Test
    void every_documented_reason_list_names_every_reason_the_service_gives() {
        var reasons = java.util.Arrays.stream(dev.outbound.request.RequestReason.values())
                .map(Enum::name)
                .toList();
        var lists = new ArrayList<List<String>>();
        served().findValues("enum").forEach(e -> {
            var names = new ArrayList<String>();
            e.forEach(v -> names.add(v.asString()));
            if (names.contains("SUPPRESSED")) {
                lists.add(names);
            }
        });
        assertThat(lists).isNotEmpty().allSatisfy(l -> assertThat(l).containsExactlyInAnyOrderElementsOf(reasons));
    }

    @Test
    void the_documented_key_shapes_match_what_the_key_endpoints_answer() {
        JsonNode schemas = served().get("components").get("schemas");
        var api = Api.at(port);
        var created = api.post("/api/v1/outbound/api-keys", java.util.Map.of("user_email", "shape@example.com"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().propertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        schemas.get("CreatedKey").get("properties").propertyNames());
        var listed = api.get("/api/v1/outbound/api-keys");
        assertThat(listed.json().get(0).propertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        schemas.get("ApiKeyView").get("properties").propertyNames());
        var org = api.post(
                "/api/v1/outbound/organizations", java.util.Map.of("name", "shapes", "admin_email", "a@example.com"));
        assertThat(org.status()).isEqualTo(200);
        assertThat(org.json().propertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        schemas.get("CreatedOrganization").get("properties").propertyNames());
        var revoked = api.delete(
                "/api/v1/outbound/api-keys/" + created.json().get("id").asLong());
        assertThat(revoked.json().propertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        schemas.get("RevokedKey").get("properties").propertyNames());
    }

    @Test
    void the_documented_policy_shapes_match_what_the_policy_endpoint_answers() {
        JsonNode schemas = served().get("components").get("schemas");
        var put = Api.at(port)
                .put(
                        "/api/v1/outbound/policy",
                        java.util.Map.of(
                                "restricted_dates",
                                List.of(java.util.Map.of("start", "2026-12-25")),
                                "recipient_rules",
                                List.of(java.util.Map.of("region", "US"))));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().propertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        schemas.get("OrganizationPolicy").get("properties").propertyNames());
        assertThat(put.json().get("restricted_dates").get(0).propertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        schemas.get("RestrictedDate").get("properties").propertyNames());
        assertThat(put.json().get("recipient_rules").get(0).propertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        schemas.get("RecipientRule").get("properties").propertyNames());
        Api.at(port).put("/api/v1/outbound/policy", java.util.Map.of());
    }

    /**
     * Walks every handler the service maps under /api and looks its method and path up in the
     * served document; path variables are compared by position, since the code names them in
     * camelCase and the document in snake_case.
     */
    @Test
    void every_api_route_the_service_serves_is_in_the_document() {
        JsonNode paths = served().get("paths");
        var documented = new TreeSet<String>();
        paths.properties()
                .forEach(path -> path.getValue()
                        .propertyNames()
                        .forEach(method -> documented.add(route(method, path.getKey()))));
        var served = new TreeSet<String>();
        handlers.getHandlerMethods().keySet().forEach(info -> {
            var methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    assertThat(methods).as("%s answers every method", info).isNotEmpty();
                    methods.forEach(m -> served.add(route(m.name(), pattern)));
                }
            }
        });

        assertThat(served).as("the /api routes the service maps").hasSizeGreaterThan(20);
        assertThat(served).as("routes missing from /openapi.json").isSubsetOf(documented);
    }

    private static String route(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " "
                + PATH_VARIABLE.matcher(path).replaceAll("{}");
    }

    @Test
    void is_valid_openapi() {
        var options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served().toString(), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getPaths()).containsKeys(EXTENSION_PATHS.toArray(String[]::new));
    }

    @Test
    void swagger_ui_is_served_at_docs_and_loads_the_served_document() {
        for (String path : List.of("/docs", "/docs/", "/docs/index.html")) {
            var r = Api.at(port).withKey(null).get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(r.body()).contains("swagger-ui-bundle.js").contains("/docs/swagger-init.js");
        }
        assertThat(Api.at(port).withKey(null).get("/docs/swagger-init.js").body())
                .contains("url: \"/openapi.json\"");
        List<String> assets = new ArrayList<>();
        var page = Api.at(port).withKey(null).get("/docs").body();
        var m = java.util.regex.Pattern.compile("(?:src|href)=\"(/webjars/[^\"]+)\"")
                .matcher(page);
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertThat(assets).hasSizeGreaterThanOrEqualTo(2);
        for (String asset : assets) {
            assertThat(Api.at(port).withKey(null).get(asset).status())
                    .as("%s (is the swagger-ui version in docs/index.html the one in the pom?)", asset)
                    .isEqualTo(200);
        }
    }

    @Test
    void an_extension_may_not_redefine_a_contract_path_or_schema() {
        ObjectNode contract = contract();
        ObjectNode path = JSON.createObjectNode();
        path.putObject("paths").set("/api/v1/outbound/campaigns", JSON.createObjectNode());
        assertThatThrownBy(() -> OpenApiDocument.merge(contract, path))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/api/v1/outbound/campaigns");
        ObjectNode schema = JSON.createObjectNode();
        schema.putObject("components").putObject("schemas").set("OutboundCampaign", JSON.createObjectNode());
        assertThatThrownBy(() -> OpenApiDocument.merge(contract, schema))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OutboundCampaign");
    }
}
