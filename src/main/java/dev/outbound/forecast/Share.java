package dev.outbound.forecast;

import dev.outbound.calendar.Recipient;
import java.time.Instant;

/** A part of a cohort in the simulation: how much of it is still waiting, and when it may next be attempted. */
final class Share {
    final Recipient recipient;
    final int attemptsSoFar;
    final Instant due;
    double count;
    Instant readyAt;

    Share(Recipient recipient, int attemptsSoFar, Instant due, double count, Instant readyAt) {
        this.recipient = recipient;
        this.attemptsSoFar = attemptsSoFar;
        this.due = due;
        this.count = count;
        this.readyAt = readyAt;
    }

    boolean fresh() {
        return attemptsSoFar == 0;
    }
}
