package dev.outbound;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OutboundApplication {

    public static void main(String[] args) {
        var app = new SpringApplication(OutboundApplication.class);
        // H2 refuses paths that are implicitly relative, so the data directory is made absolute here.
        String dataDir = System.getenv().getOrDefault("OUTBOUND_DATA_DIR", "./data");
        app.setDefaultProperties(Map.of(
                "outbound.h2-path",
                Path.of(dataDir).toAbsolutePath().normalize().toString()));
        app.run(args);
    }
}
