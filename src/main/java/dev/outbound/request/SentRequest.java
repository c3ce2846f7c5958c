package dev.outbound.request;

import java.time.Instant;

/**
 * A request that was attempted: its batch and when its latest attempt was claimed.
 *
 * @param id the request
 * @param batchPk its batch
 * @param sentAt when its latest attempt was claimed
 */
public record SentRequest(long id, long batchPk, Instant sentAt) {}
