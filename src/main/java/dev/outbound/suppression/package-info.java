/**
 * Who must not be contacted: each organization's suppression list (unsubscribed, bounced, spam
 * reports, dropped), its endpoints, bulk upload and export, and the lookup the dispatcher makes in
 * the claiming transaction. Owns the {@code suppression} table. Targets are keyed as they are
 * stored on requests: E.164 for phone numbers, the lower-cased address for email.
 */
@NullMarked
package dev.outbound.suppression;

import org.jspecify.annotations.NullMarked;
