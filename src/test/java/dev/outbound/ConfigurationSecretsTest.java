package dev.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Settings objects end up in logs (binding errors, actuator, debugging): none may print a secret.
 * Walks every {@code @ConfigurationProperties} record of the application, fills each component
 * whose name looks secret with a marker, and reads its {@code toString}.
 */
class ConfigurationSecretsTest {
    /** Valid standard Base64, so components that must decode still construct. */
    private static final String MARKER = "U2VjcmV0VmFsdWVGb3JUZXN0";

    private static final Pattern SECRET_NAME = Pattern.compile("secret|token|password|apikey|privatekey");

    @Test
    void no_configuration_record_prints_a_secret_looking_value() throws Exception {
        List<Class<?>> records = configurationRecords();
        assertThat(records)
                .as("the scan finds the service's own settings")
                .contains(OutboundProperties.class)
                .hasSizeGreaterThan(10);
        var leaks = new ArrayList<String>();
        int secretComponents = 0;
        for (Class<?> type : records) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                boolean secret = isSecret(components[i].getName());
                secretComponents += secret && types[i] == String.class ? 1 : 0;
                args[i] = sample(types[i], secret);
            }
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            String printed = constructor.newInstance(args).toString();
            if (printed.contains(MARKER)) {
                leaks.add(type.getSimpleName() + ": " + printed);
            }
        }
        assertThat(secretComponents).as("the walk met secrets to hide").isGreaterThanOrEqualTo(6);
        assertThat(leaks).as("toString printed a secret").isEmpty();
    }

    @Test
    void the_service_settings_print_neither_the_bootstrap_key_nor_the_secret_key() {
        var p = new OutboundProperties(
                "ob_bootstrap_key_long_enough_for_anyone", "a@b.c", "default", "US", "UTC", MARKER, 1, false);

        assertThat(p.toString())
                .doesNotContain("ob_bootstrap_key_long_enough_for_anyone")
                .doesNotContain(MARKER)
                .contains("bootstrapApiKey=(secret)", "secretKey=(secret)", "defaultOrganization=default");
    }

    private static boolean isSecret(String componentName) {
        return SECRET_NAME.matcher(componentName.toLowerCase(Locale.ROOT)).find();
    }

    private static List<Class<?>> configurationRecords() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        var out = new ArrayList<Class<?>>();
        for (var candidate : scanner.findCandidateComponents("dev.outbound")) {
            Class<?> type = Class.forName(Objects.requireNonNull(candidate.getBeanClassName()));
            // A settings class that is not a record would escape the walk: make it one.
            assertThat(type.isRecord()).as(type + " is a record").isTrue();
            out.add(type);
        }
        return out;
    }

    private static Object sample(Class<?> type, boolean secret) throws Exception {
        if (type == String.class) {
            return secret ? MARKER : "";
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == double.class || type == Double.class) {
            return 1.0;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(1);
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = sample(types[i], isSecret(components[i].getName()));
            }
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        }
        throw new AssertionError("no sample value for " + type + "; teach this test one");
    }
}
