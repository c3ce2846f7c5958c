package dev.outbound.reply;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** {@code outbound.sms.replies}: replies that are no keyword, by what became of them. */
@Component
class ReplyMetrics {
    private final Map<ReplyResult, Counter> counters = new EnumMap<>(ReplyResult.class);

    ReplyMetrics(MeterRegistry registry) {
        for (ReplyResult r : ReplyResult.values()) {
            counters.put(
                    r,
                    Counter.builder("outbound.sms.replies")
                            .description("SMS replies that are no keyword, by result")
                            .tag("result", r.tag())
                            .register(registry));
        }
    }

    void count(ReplyResult result) {
        Objects.requireNonNull(counters.get(result)).increment();
    }
}
