/**
 * Two-way SMS: a reply that is no keyword, arriving within the campaign's {@code sms_session_ttl}
 * of the last text sent to the number, is forwarded to the campaign's agent SMS URL through the
 * webhook outbox (signed, retried, address-checked). {@code suppression} only hands such replies
 * over ({@link dev.outbound.suppression.SmsReplyReceived}); it knows nothing of forwarding.
 */
@NullMarked
package dev.outbound.reply;

import org.jspecify.annotations.NullMarked;
