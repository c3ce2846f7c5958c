package dev.outbound.auth;

/**
 * The authenticated caller of a request.
 *
 * @param organizationId every read and write is scoped to this organization
 * @param userEmail recorded as {@code last_updated_by}
 * @param superuser may create organizations
 * @param keyId the key used, for audit
 */
public record Caller(long organizationId, String userEmail, boolean superuser, long keyId) {}
