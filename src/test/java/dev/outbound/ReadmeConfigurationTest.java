package dev.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's configuration table names each setting once, so its rows cannot disagree. */
class ReadmeConfigurationTest {
    private static final Pattern NAME = Pattern.compile("`([A-Z_][A-Z0-9_]*)`");

    @Test
    void no_setting_appears_twice_in_the_configuration_table() throws IOException {
        List<String> names = settings(Files.readString(Path.of("README.md")));

        assertThat(names).as("the table's settings").contains("OUTBOUND_SECRET_KEY", "OUTBOUND_TWILIO_AUTH_TOKEN");
        Map<String, Long> counts =
                names.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts)
                .as("settings listed more than once")
                .allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(1));
    }

    @Test
    void a_shorthand_suffix_names_its_sibling_setting() {
        String table = "\n## Configuration\n| Variable | Default | Meaning |\n|---|---|---|\n"
                + "| `OUTBOUND_WEBHOOKS_CONNECT_TIMEOUT` / `_READ_TIMEOUT` | `5s` | x |\n"
                + "| `OUTBOUND_CHANNELS_VOICE` / `_SMS` | y | z |\n## Next\n";

        assertThat(settings(table))
                .containsExactly(
                        "OUTBOUND_WEBHOOKS_CONNECT_TIMEOUT",
                        "OUTBOUND_WEBHOOKS_READ_TIMEOUT",
                        "OUTBOUND_CHANNELS_VOICE",
                        "OUTBOUND_CHANNELS_SMS");
    }

    /** Every name in the first column of the table under "## Configuration", suffixes expanded. */
    private static List<String> settings(String readme) {
        int start = readme.indexOf("\n## Configuration");
        assertThat(start).as("the README has a Configuration section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        var out = new ArrayList<String>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String first = line.substring(1, line.indexOf('|', 1));
            Matcher m = NAME.matcher(first);
            String full = null;
            while (m.find()) {
                String name = m.group(1);
                if (name.startsWith("_") && full != null) {
                    int segments = name.split("_", -1).length - 1;
                    String base = full;
                    for (int i = 0; i < segments; i++) {
                        base = base.substring(0, base.lastIndexOf('_'));
                    }
                    name = base + name;
                } else {
                    full = name;
                }
                out.add(name);
            }
        }
        return out;
    }
}
