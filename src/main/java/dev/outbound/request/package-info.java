/**
 * Communication requests: one person to reach within a batch, its status and channel status,
 * results, and the per-batch status counters kept in step with every status change. Owns the
 * {@code request}, {@code request_attempt} and {@code status_count} tables. It knows batches only
 * by their primary key; the batch capability resolves ids and exposes the endpoints.
 */
@NullMarked
package dev.outbound.request;

import org.jspecify.annotations.NullMarked;
