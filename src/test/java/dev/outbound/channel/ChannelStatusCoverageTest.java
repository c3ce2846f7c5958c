package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Produces;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every channel status of the contract is produced by some test scenario, and docs/channel-statuses.md
 * lists every one: a value nobody produces (or documents) fails here.
 */
class ChannelStatusCoverageTest {
    private static final Path DOC = Path.of("docs", "channel-statuses.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_-]+)` \\|(.*)$");

    @Test
    void every_channel_status_is_produced_by_a_test_scenario() throws IOException {
        var missing = EnumSet.allOf(ChannelManagerStatus.class);
        missing.removeAll(produced());

        assertThat(missing)
                .as("channel statuses no @Produces test drives the service to")
                .isEmpty();
    }

    @Test
    void the_table_lists_each_of_the_forty_values_once() throws IOException {
        var listed = Files.readAllLines(DOC).stream()
                .map(ROW::matcher)
                .filter(Matcher::matches)
                .map(m -> ChannelManagerStatus.of(m.group(1)))
                .toList();

        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrder(ChannelManagerStatus.values());
        assertThat(listed).hasSize(40);
    }

    /** The statuses named by @Produces on every test class compiled with this one, and their methods. */
    private static Set<ChannelManagerStatus> produced() throws IOException {
        Path root = Path.of("target", "test-classes");
        var out = EnumSet.noneOf(ChannelManagerStatus.class);
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith("Test.class")).forEach(f -> {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, ChannelStatusCoverageTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    return;
                }
                add(type, out);
                for (Method m : type.getDeclaredMethods()) {
                    add(m, out);
                }
            });
        }
        return out;
    }

    private static void add(AnnotatedElement e, Set<ChannelManagerStatus> out) {
        Produces p = e.getAnnotation(Produces.class);
        if (p != null) {
            out.addAll(Arrays.asList(p.value()));
        }
    }
}
