package dev.outbound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.Mode;
import dev.outbound.request.Target;
import dev.outbound.request.Targets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizingPipelineTest {
    private static final Targets TARGETS = new Targets("US");

    private record Seen(long line, Target target) {}

    @Test
    void hands_every_row_to_the_sink_in_file_order_across_many_chunks() {
        var seen = new ArrayList<Seen>();
        int rows = NormalizingPipeline.CHUNK * (NormalizingPipeline.IN_FLIGHT + 3) + 17;
        try (var pipeline =
                new NormalizingPipeline(TARGETS, Mode.VOICE, (row, target) -> seen.add(new Seen(row.line(), target)))) {
            for (int i = 0; i < rows; i++) {
                pipeline.add(row(i, i % 1000 == 7 ? "not a number" : "(512) 200-" + String.format("%04d", i % 10000)));
            }
            pipeline.finish();
        }
        assertThat(seen).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            assertThat(seen.get(i).line()).isEqualTo(i);
        }
        assertThat(seen.get(7).target().valid()).isFalse();
        assertThat(seen.get(8).target()).isEqualTo(TARGETS.normalize("(512) 200-0008", Mode.VOICE));
        assertThat(seen.get(8).target().value()).isEqualTo("+15122000008");
    }

    @Test
    void holds_rows_until_a_chunk_is_full_or_the_file_ends() {
        List<Long> seen = new ArrayList<>();
        try (var pipeline = new NormalizingPipeline(TARGETS, Mode.VOICE, (row, target) -> seen.add(row.line()))) {
            pipeline.add(row(1, "+15122000001"));
            assertThat(seen).isEmpty();
            pipeline.finish();
        }
        assertThat(seen).containsExactly(1L);
    }

    @Test
    void in_line_it_hands_each_row_over_at_once() {
        List<Target> seen = new ArrayList<>();
        try (var pipeline = new NormalizingPipeline(TARGETS, Mode.VOICE, false, (row, target) -> seen.add(target))) {
            pipeline.add(row(1, "(512) 200-0001"));
            assertThat(seen).extracting(Target::value).containsExactly("+15122000001");
            pipeline.finish();
        }
        assertThat(seen).hasSize(1);
    }

    private static CallListReader.Row row(long line, String target) {
        return new CallListReader.Row(line, "ref-" + line, target, "{}", null, null);
    }
}
