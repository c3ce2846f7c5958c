package dev.outbound;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OutboundApplication {

    public static void main(String[] args) {
        keepSpringAotOnlyWhereItFits(args, System.getenv());
        var app = new SpringApplication(OutboundApplication.class);
        // H2 refuses paths that are implicitly relative, so the data directory is made absolute here.
        String dataDir = System.getenv().getOrDefault("OUTBOUND_DATA_DIR", "./data");
        app.setDefaultProperties(Map.of(
                "outbound.h2-path",
                Path.of(dataDir).toAbsolutePath().normalize().toString()));
        if (Arrays.asList(args).contains(ROTATE_SECRET_KEY)) {
            // A one-off command on a stopped installation: no port, no dispatching, no deliveries,
            // whatever the environment says (command-line properties win over it).
            app.setWebApplicationType(WebApplicationType.NONE);
            String[] command =
                    Stream.concat(Arrays.stream(args), Stream.of(ONE_OFF)).toArray(String[]::new);
            System.exit(SpringApplication.exit(app.run(command)));
        }
        app.run(args);
    }

    /**
     * The fast start (README) runs the bean definitions Spring's AOT processing wrote at build time
     * ({@code -Dspring.aot.enabled=true}), where actuator shares the service's port. A separate
     * management port needs another context, decided at run time: without Spring AOT then.
     */
    static void keepSpringAotOnlyWhereItFits(String[] args, Map<String, String> environment) {
        boolean separateManagementPort = Stream.of("OUTBOUND_MANAGEMENT_PORT", "MANAGEMENT_SERVER_PORT")
                        .map(environment::get)
                        .anyMatch(value -> value != null && !value.isBlank())
                || !System.getProperty("management.server.port", "").isBlank()
                || Arrays.stream(args)
                        .anyMatch(arg -> arg.startsWith("--management.server.port=")
                                && arg.length() > "--management.server.port=".length());
        if (separateManagementPort && Boolean.getBoolean(SPRING_AOT)) {
            System.clearProperty(SPRING_AOT);
            LoggerFactory.getLogger(OutboundApplication.class)
                    .info("A management port is set: starting without Spring AOT's build-time bean definitions");
        }
    }

    private static final String SPRING_AOT = "spring.aot.enabled";

    /** Re-encrypts the stored webhook secrets ({@code campaign.SecretKeyRotationCommand}). */
    static final String ROTATE_SECRET_KEY = "--rotate-secret-key";

    private static final String[] ONE_OFF = {
        "--outbound.dispatch.enabled=false", "--outbound.webhooks.enabled=false", "--outbound.demo=false"
    };
}
