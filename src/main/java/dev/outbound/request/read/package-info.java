/**
 * The read side of requests: results as JSON and CSV streamed from a cursor, pages of them for
 * the console, attempt history, attempts per hour, one request as a webhook shows it, and the
 * agent's report of a conversation. It never changes a status.
 */
@NullMarked
package dev.outbound.request.read;

import org.jspecify.annotations.NullMarked;
