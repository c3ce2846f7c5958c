package dev.outbound.testing;

import dev.outbound.OutboundApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the whole service in the test JVM as {@code java -jar} would, for tests about start-up
 * itself (what a start prints, what a second start does), which one shared test context cannot
 * show. Dispatch and webhook delivery stay off unless {@code properties} turn them on.
 */
public final class Started {
    private Started() {}

    public static ConfigurableApplicationContext service(Map<String, String> database, Map<String, String> properties) {
        var all = new LinkedHashMap<String, String>(database);
        all.put("server.port", "0");
        all.put("outbound.dispatch.enabled", "false");
        all.put("outbound.webhooks.enabled", "false");
        all.put("outbound.api.rate-limit", "0");
        all.put("outbound.api.organization-rate-limit", "0");
        all.putAll(properties);
        // Command-line arguments, since application.yml's own defaults outrank default properties.
        String[] args = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(OutboundApplication.class).run(args);
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
