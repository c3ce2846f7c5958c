/**
 * Batches: a call list under a campaign, its lifecycle (one transition table), its settings
 * (hold, expiry, rate) and the contract's batch endpoints, including the ones that add, remove and
 * report the batch's requests. Owns the {@code batch} table; requests and their counters belong
 * to {@link dev.outbound.request}. Batches keep campaigns from being deleted under them.
 */
@NullMarked
package dev.outbound.batch;

import org.jspecify.annotations.NullMarked;
