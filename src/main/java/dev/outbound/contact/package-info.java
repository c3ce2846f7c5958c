/**
 * Per-person contact limits: the {@link dev.outbound.contact.ContactLimit} value campaigns, the
 * organization policy and recipient rules set, and the ledger of attempts and conversations per
 * person that the dispatcher reads and locks in the claiming transaction. Owns the {@code contact}
 * and {@code contact_attempt} tables.
 */
@NullMarked
package dev.outbound.contact;

import org.jspecify.annotations.NullMarked;
