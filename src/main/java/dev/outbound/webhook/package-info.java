/**
 * Webhook delivery: turns request status changes into signed HTTP calls to each campaign's
 * webhooks. A listener writes one outbox row ({@code webhook_event}) per matching webhook in the
 * transaction that changed the status; delivery workers on every node claim due rows, send them
 * (Standard Webhooks signatures, SSRF-checked addresses, timeouts), and retry with backoff for a
 * day before marking them dead. Owns {@code webhook_event} and {@code webhook_attempt} and the
 * delivery-log endpoints.
 */
@NullMarked
package dev.outbound.webhook;

import org.jspecify.annotations.NullMarked;
