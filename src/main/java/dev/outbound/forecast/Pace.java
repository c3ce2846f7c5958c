package dev.outbound.forecast;

import java.time.Instant;

/** Attempts per hour a batch gets at an instant with this many requests waiting (auto-pacing reads it). */
@FunctionalInterface
public interface Pace {
    double perHour(Instant at, double waiting);

    static Pace fixed(double perHour) {
        return (at, waiting) -> perHour;
    }
}
