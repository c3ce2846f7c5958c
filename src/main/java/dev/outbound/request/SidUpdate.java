package dev.outbound.request;

/** The provider's id for one attempt, known once the channel accepted it. */
public record SidUpdate(long requestId, int attemptNo, String sid) {}
