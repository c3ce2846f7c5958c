package dev.outbound.console;

import dev.outbound.batch.Batch;
import dev.outbound.batch.BatchStatus;
import dev.outbound.request.read.RequestResults;
import dev.outbound.request.read.StatusCounts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** What the batch page shows live: state, counts and attempts per hour, plus the charts' data. */
@Component
class LiveCounts {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);

    private final RequestResults requests;
    private final JsonMapper json;

    LiveCounts(RequestResults requests, JsonMapper json) {
        this.requests = requests;
        this.json = json;
    }

    /**
     * @param running whether the page should keep polling
     * @param chartJson the charts' data: status labels and counts, hour labels and attempts
     */
    record Live(
            String status,
            boolean running,
            long total,
            Map<String, Long> byStatus,
            Map<String, StatusCounts.Breakdown> detailed,
            SequencedMap<Instant, Long> hours,
            String chartJson) {}

    Live of(Batch batch) {
        StatusCounts counts = requests.counts(batch.pk());
        SequencedMap<Instant, Long> hours = requests.attemptsPerHour(batch.pk());
        long total =
                counts.byStatus().values().stream().mapToLong(Long::longValue).sum();
        var chart = new LinkedHashMap<String, Object>();
        chart.put("statuses", List.copyOf(counts.byStatus().keySet()));
        chart.put("counts", List.copyOf(counts.byStatus().values()));
        chart.put("hours", hours.keySet().stream().map(HOUR::format).toList());
        chart.put("attempts", List.copyOf(hours.values()));
        boolean running = batch.status() != BatchStatus.CANCELED
                && batch.status() != BatchStatus.EXPIRED
                && batch.status() != BatchStatus.FAILED;
        return new Live(
                batch.status().name(),
                running,
                total,
                counts.byStatus(),
                counts.detailed(),
                hours,
                // Inlined in a script element: no "<" may end it early.
                json.writeValueAsString(chart).replace("<", "\\u003c"));
    }
}
