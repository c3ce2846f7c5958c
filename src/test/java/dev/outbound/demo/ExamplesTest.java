package dev.outbound.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first campaign, the files under {@code examples/} and what the demo loads are one
 * and the same; DemoTest shows that they work.
 */
class ExamplesTest {
    /** The body of the README's campaign curl: between {@code -d '} and the closing quote. */
    private static final Pattern README_CAMPAIGN =
            Pattern.compile("api/v1/outbound/campaigns \\\\\\n[^\\n]*-d '\\n(.*?)\\n\\s*'\\n", Pattern.DOTALL);

    @Test
    void the_readme_pastes_the_example_campaign_body() throws IOException {
        var m = README_CAMPAIGN.matcher(Files.readString(Path.of("README.md")));
        assertThat(m.find()).as("the README's campaign curl").isTrue();
        String body = m.group(1);

        assertThat(body).as("a single quote would end the shell string").doesNotContain("'");
        assertThat(Api.json().readTree(body)).isEqualTo(Api.json().readTree(repository(Examples.CAMPAIGN)));
    }

    @Test
    void the_readme_uploads_the_example_call_list() throws IOException {
        assertThat(Files.readString(Path.of("README.md"))).contains("-F file=@" + Examples.CALL_LIST);
    }

    @Test
    void the_demo_loads_the_repository_files_unchanged() throws IOException {
        assertThat(Examples.text(Examples.CAMPAIGN)).isEqualTo(repository(Examples.CAMPAIGN));
        assertThat(Examples.text(Examples.CALL_LIST)).isEqualTo(repository(Examples.CALL_LIST));
    }

    @Test
    void the_call_list_has_twenty_rows_reaching_every_simulator_outcome() throws IOException {
        var rows = repository(Examples.CALL_LIST).lines().skip(1).toList();
        assertThat(rows).hasSize(20);
        var lastDigits = rows.stream()
                .map(r -> r.split(",")[1])
                .map(t -> t.charAt(t.length() - 1))
                .toList();
        // 0-6 answered, 7 busy, 8 no answer, 9 machine (README, "How a batch is dispatched").
        assertThat(lastDigits).contains('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
    }

    private static String repository(String name) throws IOException {
        return Files.readString(Path.of(name));
    }
}
