package dev.outbound.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.testing.Started;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A second instance on one H2 data directory stops with one line instead of a stack trace or a report. */
@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryInUseTest {

    @Test
    void a_second_instance_on_the_same_data_directory_stops_with_a_line_naming_OUTBOUND_DATA_DIR(
            @TempDir Path dataDir, CapturedOutput output) {
        Map<String, String> sameDirectory = Map.of("outbound.h2-path", dataDir.toString());
        try (var first = Started.service(Map.of(), sameDirectory)) {
            int before = output.getAll().length();

            assertThatThrownBy(() -> Started.service(Map.of(), sameDirectory)).isInstanceOf(DataDirectoryInUse.class);

            String second = output.getAll().substring(before);
            assertThat(second)
                    .doesNotContain("Database may be already in use")
                    .doesNotContain("APPLICATION FAILED TO START")
                    .doesNotContain("\tat ");
            assertThat(second.lines().filter(line -> line.contains("OUTBOUND_DATA_DIR")))
                    .as(second)
                    .singleElement()
                    .asString()
                    .contains("Another outbound instance is using the H2 database in " + dataDir
                            + " (OUTBOUND_DATA_DIR): stop it, or start this one with another OUTBOUND_DATA_DIR.")
                    .contains("H2 serves one process.");
            assertThat(first.isActive()).as("the first instance keeps running").isTrue();
        }
    }

    @Test
    void h2s_own_refusal_is_explained_the_same_way() {
        var h2 = new SQLException(
                "Database may be already in use: \"/srv/outbound/data/outbound.mv.db\". Possible solutions: ...",
                "90020",
                90020);
        var analysis = new DataDirectoryInUseAnalyzer().analyze(new IllegalStateException("Flyway failed", h2));

        assertThat(analysis).isNotNull();
        assertThat(java.util.Objects.requireNonNull(analysis).getDescription())
                .isEqualTo(DataDirectoryInUseAnalyzer.description(Path.of("/srv/outbound/data")))
                .contains("OUTBOUND_DATA_DIR");
    }

    @Test
    void other_failures_are_left_to_spring_boot() {
        assertThat(new DataDirectoryInUseAnalyzer().analyze(new SQLException("refused", "08001", 0)))
                .isNull();
    }

    @Test
    void only_h2_file_urls_are_guarded() {
        assertThat(DataDirectoryGuard.h2File("jdbc:postgresql://127.0.0.1:5432/outbound"))
                .isEmpty();
        assertThat(DataDirectoryGuard.h2File("jdbc:h2:file:/srv/data/outbound;MODE=PostgreSQL"))
                .contains(Path.of("/srv/data/outbound.mv.db"));
    }
}
