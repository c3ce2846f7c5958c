package dev.outbound.batch;

import java.time.Instant;

/** A bid to move {@code batch}'s next slot from where it was read to {@code next}. */
public record AllowanceTake(DialableBatch batch, Instant next) {}
