package dev.outbound.auth;

/**
 * The authenticated caller of a request.
 *
 * @param organizationId every read and write is scoped to this organization
 * @param userEmail recorded as {@code last_updated_by}
 * @param superuser may create organizations and superuser keys, and revoke superuser keys
 * @param keyId the key used, for audit
 * @param role whether the key may manage its organization's keys
 */
public record Caller(long organizationId, String userEmail, boolean superuser, long keyId, KeyRole role) {
    /** May create, list and revoke the organization's keys. */
    public boolean admin() {
        return superuser || role == KeyRole.ADMIN;
    }
}
