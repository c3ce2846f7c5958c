/**
 * The dispatcher: finds batches with allowance, claims due requests, hands them to channels,
 * records outcomes, reclaims dead claims, expires batches; pure calendar and pacing rules live here
 * too.
 */
@NullMarked
package dev.outbound.dispatch;

import org.jspecify.annotations.NullMarked;
