/**
 * Callbacks: {@code POST .../requests/{reference_id}/callback} (and the {@code callback} of the
 * agent's conversation report, through {@link dev.outbound.batch.CallbackScheduler}) bring a
 * request back to PENDING at the time someone asked for, pushed to the first moment its calendar
 * ({@link dev.outbound.dispatch.Calendars}) allows and refused when that is past the batch's
 * life. Owns no table: the request moves through {@link dev.outbound.request.CallbackRequests},
 * and the attempt is an ordinary claim, so contact limits and suppression still apply to it.
 */
@NullMarked
package dev.outbound.callback;

import org.jspecify.annotations.NullMarked;
