/**
 * The calling calendar: the one model of when a request may be attempted, read alike by the
 * dispatcher (claims, retries, callbacks), the forecast and the console. It owns the values
 * campaigns and the organization policy set ({@link dev.outbound.calendar.RestrictedDates},
 * {@link dev.outbound.calendar.RecipientRule}), the weekly {@link
 * dev.outbound.calendar.CallingWindow}, the recipient's region, and {@link
 * dev.outbound.calendar.AttemptCalendar}, which combines them. It owns no table: the values are
 * stored by the capability that sets them.
 */
@NullMarked
package dev.outbound.calendar;

import org.jspecify.annotations.NullMarked;
