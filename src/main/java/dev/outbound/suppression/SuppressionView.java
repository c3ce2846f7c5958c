package dev.outbound.suppression;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An entry as the API and console show it, with the wire names of its kind and source. */
public record SuppressionView(
        String target, String kind, String source, @Nullable String reason, String addedBy, Instant createdAt) {

    public static SuppressionView of(Suppression s) {
        return new SuppressionView(
                s.target(), s.kind().wire(), s.source().wire(), s.reason(), s.addedBy(), s.createdAt());
    }
}
