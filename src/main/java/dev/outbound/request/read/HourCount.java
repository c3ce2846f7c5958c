package dev.outbound.request.read;

import java.time.Instant;

/** How many attempts started in the hour beginning at {@code hour}. */
public record HourCount(Instant hour, long attempts) {}
