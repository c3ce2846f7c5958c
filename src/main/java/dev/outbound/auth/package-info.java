/**
 * Organizations and API keys, and who is calling. Keys arrive in {@code Syllable-API-Key} (or
 * {@code Authorization: Bearer}), are stored only as SHA-256 hashes, and resolve to a
 * {@link dev.outbound.auth.Caller}: the organization every query is scoped by and the user email
 * recorded as {@code last_updated_by}. A key's {@link dev.outbound.auth.KeyRole} says whether it
 * may manage its organization's keys; requests are rate-limited per key and per organization.
 * Owns the {@code organization} and {@code api_key} tables and the extension endpoints to create
 * organizations and create, list or revoke keys.
 */
@NullMarked
package dev.outbound.auth;

import org.jspecify.annotations.NullMarked;
