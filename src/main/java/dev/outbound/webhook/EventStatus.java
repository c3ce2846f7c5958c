package dev.outbound.webhook;

import java.util.Arrays;
import java.util.List;

/**
 * An outbox event's delivery state, as stored in {@code webhook_event.status} and shown in the
 * delivery log. An event in flight is PENDING with a live lease ({@code lease_until}): the lease
 * says which node sends it, not where it is in its lifecycle.
 */
enum EventStatus {
    /** Waiting for its first or next attempt, or in flight under a lease. */
    PENDING,
    /** A 2xx answered an attempt. */
    DELIVERED,
    /** Given up: retried for {@code OUTBOUND_WEBHOOKS_RETRY_FOR}, or its webhook was removed. */
    DEAD;

    static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();
}
