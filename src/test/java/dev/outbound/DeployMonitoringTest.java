package dev.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.Started;
import dev.outbound.testing.TestStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What operators deploy from deploy/ stays true to the service: the dashboard and the alert rules
 * only name metrics a started node really serves, and the compose file is the README's two nodes
 * on PostgreSQL, configured by settings the README documents. (bin/check-deploy checks that the
 * same files parse as PromQL and Prometheus configuration.)
 */
@Tag("store")
class DeployMonitoringTest {
    private static final String TOKEN = "metrics-token-of-the-deploy-test";
    private static final Path DASHBOARD = Path.of("deploy/grafana/outbound-dashboard.json");
    private static final Path ALERTS = Path.of("deploy/prometheus/alerts.yaml");
    private static final Path COMPOSE = Path.of("deploy/compose.yaml");
    /** Names of the families the service exports, as Prometheus sees them. */
    private static final Pattern METRIC = Pattern.compile(
            "\\b(?:outbound|hikaricp|jvm|process|system|http_server|tomcat|jdbc|logback)_[a-z0-9_]+\\b");
    /**
     * Meters registered on first use, with a tag set only known then, so a fresh node does not
     * serve them yet: each maps to the Micrometer name its code registers, which must still be there.
     */
    private static final Map<String, String> REGISTERED_ON_FIRST_USE =
            Map.of("outbound_dispatch_outcomes_total", "\"outbound.dispatch.outcomes\"");

    @Test
    void every_metric_the_dashboard_and_the_alerts_name_is_served_by_a_node() throws IOException {
        Set<String> used = new TreeSet<>();
        used.addAll(metricNames(Files.readString(DASHBOARD)));
        used.addAll(metricNames(Files.readString(ALERTS)));
        assertThat(used)
                .as("the dashboard and alerts cover dispatch, webhooks, reconciliation, Twilio and the pool")
                .contains(
                        "outbound_dispatch_attempts_total",
                        "outbound_dispatch_lag_seconds",
                        "outbound_webhooks_dead_total",
                        "outbound_reconcile_asks_total",
                        "outbound_twilio_errors_total",
                        "hikaricp_connections_pending");

        Set<String> served;
        try (var service = Started.service(
                TestStores.freshDatabase("DeployMonitoringTest"),
                Map.of(
                        "outbound.management.metrics-token", TOKEN,
                        "outbound.dispatch.enabled", "true",
                        "outbound.webhooks.enabled", "true"))) {
            var api = Api.at(Started.port(service)).withKey(null);
            api.get("/actuator/health"); // http_server_requests appears once a request has ended
            var scrape = api.sendWithHeader("GET", "/actuator/prometheus", "Authorization", "Bearer " + TOKEN);
            assertThat(scrape.status()).isEqualTo(200);
            served = scrape.body()
                    .lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0])
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        String sources = mainSources();
        assertThat(used).allSatisfy(name -> {
            String registeredBy = REGISTERED_ON_FIRST_USE.get(name);
            assertThat(served.contains(name) || (registeredBy != null && sources.contains(registeredBy)))
                    .as("%s is served by a node (or registered by the code on first use)", name)
                    .isTrue();
        });
    }

    @Test
    void the_compose_file_runs_two_nodes_on_postgresql_with_health_checks_and_documented_settings() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("postgres", "outbound-1", "outbound-2");
        String readme = Files.readString(Path.of("README.md"));
        for (String node : List.of("outbound-1", "outbound-2")) {
            Map<String, Object> service = map(services.get(node));
            assertThat(service).as(node).containsKeys("image", "healthcheck", "depends_on");
            Map<String, Object> env = map(service.get("environment"));
            assertThat(String.valueOf(env.get("SPRING_DATASOURCE_URL")))
                    .as(node)
                    .startsWith("jdbc:postgresql://postgres:5432/");
            assertThat(env.keySet().stream().filter(k -> k.startsWith("OUTBOUND_")))
                    .as(node + "'s settings are in the README's configuration table")
                    .isNotEmpty()
                    .allSatisfy(k -> assertThat(readme).contains("`" + k + "`"));
            assertThat(String.valueOf(map(service.get("healthcheck")).get("test")))
                    .as(node + "'s health check asks the node itself")
                    .contains("HealthProbe", "/readyz");
        }
        assertThat(map(services.get("postgres"))).containsKey("healthcheck");
    }

    private static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    private static String mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .collect(Collectors.joining("\n"));
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(@Nullable Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, V>) java.util.Objects.requireNonNull(o);
    }
}
