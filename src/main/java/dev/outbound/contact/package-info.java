/**
 * Per-person contact limits: the {@link dev.outbound.contact.ContactLimit} value campaigns and
 * organizations set, the organization-wide policy ({@code /policy}), and the ledger of attempts
 * and conversations per person that the dispatcher reads and locks in the claiming transaction.
 * Owns the {@code organization_policy}, {@code contact} and {@code contact_attempt} tables.
 */
@NullMarked
package dev.outbound.contact;

import org.jspecify.annotations.NullMarked;
