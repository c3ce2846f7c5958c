/**
 * The forecast: when a batch will be done, found by running the dispatcher's own rules forward
 * on a virtual clock (rate and auto-pace, the calling calendar, daily caps, capacity, scheduled
 * retries and callbacks, and the retries the outcome mix so far predicts). It owns no table: it
 * reads the batch's waiting requests as counts, never one by one, and answers {@code GET
 * /api/v1/outbound/batches/{batch_id}/forecast} and the console's batch page.
 */
@NullMarked
package dev.outbound.forecast;

import org.jspecify.annotations.NullMarked;
