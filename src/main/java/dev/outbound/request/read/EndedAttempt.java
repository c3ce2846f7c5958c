package dev.outbound.request.read;

import java.time.Duration;

/** How one finished attempt ended and how long it took, for the outcome mix a forecast assumes. */
public record EndedAttempt(String channelStatus, Duration took) {}
