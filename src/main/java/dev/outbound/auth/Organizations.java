package dev.outbound.auth;

import dev.outbound.api.Conflict;
import dev.outbound.api.Forbidden;
import dev.outbound.api.NotFound;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating organizations and managing keys within one. */
@Service
public class Organizations {
    private final OrganizationRepository organizations;
    private final ApiKeyRepository keys;
    private final ActiveKeys activeKeys;
    private final KeyProperties limits;
    private final Clock clock;

    Organizations(
            OrganizationRepository organizations,
            ApiKeyRepository keys,
            ActiveKeys activeKeys,
            KeyProperties limits,
            Clock clock) {
        this.organizations = organizations;
        this.keys = keys;
        this.activeKeys = activeKeys;
        this.limits = limits;
        this.clock = clock;
    }

    /** Finds or creates the named organization; answers its id. */
    @Transactional
    public long ensure(String name) {
        return organizations.findByName(name).orElseGet(() -> organizations.insert(name, clock.instant()));
    }

    /**
     * Makes a known clear key valid (idempotent): used for the bootstrap key, an admin key. It is
     * listed under a fixed label, never by its first characters, and a key stored before that rule
     * is relabelled here.
     */
    @Transactional
    public void ensureKey(long organizationId, String key, String userEmail, boolean superuser) {
        if (keys.exists(key)) {
            keys.relabel(key, ApiKeys.CONFIGURED_PREFIX);
            return;
        }
        var configured = new ApiKeyRepository.NewKey(
                organizationId, key, ApiKeys.CONFIGURED_PREFIX, userEmail, superuser, KeyRole.ADMIN);
        keys.insert(configured, clock.instant());
    }

    /**
     * Makes the first key of a fresh store: a superuser key of the organization, only when no key
     * (active or revoked) exists yet, so revoking every key is never undone by a restart. The
     * organization's row is locked first, so nodes starting together on one database make one key.
     */
    @Transactional
    Optional<CreatedKey> firstKey(long organizationId, String userEmail) {
        organizations.lock(organizationId);
        if (keys.countAll() > 0) {
            return Optional.empty();
        }
        return Optional.of(createKey(organizationId, userEmail, true, KeyRole.ADMIN));
    }

    @Transactional
    public CreatedOrganization create(Caller caller, String name, String adminEmail) {
        if (!caller.superuser()) {
            throw new Forbidden("Only a superuser key may create organizations");
        }
        if (organizations.findByName(name).isPresent()) {
            throw new Conflict("An organization named '" + name + "' already exists");
        }
        long id = organizations.insert(name, clock.instant());
        return new CreatedOrganization(id, name, createKey(id, adminEmail, false, KeyRole.ADMIN));
    }

    /**
     * Creates a key in the caller's organization, within its cap. The organization's row is locked
     * first, so concurrent requests cannot each see room for one more key.
     */
    @Transactional
    public CreatedKey createKey(Caller caller, String userEmail, boolean superuser, KeyRole role) {
        requireAdmin(caller);
        if (superuser && !caller.superuser()) {
            throw new Forbidden("Only a superuser key may create superuser keys");
        }
        organizations.lock(caller.organizationId());
        long active = keys.countActive(caller.organizationId());
        if (active >= limits.maxPerOrganization()) {
            throw new Conflict("The organization already has " + active + " active API keys, the most allowed ("
                    + limits.maxPerOrganization() + ", OUTBOUND_MAX_KEYS_PER_ORG): revoke one first");
        }
        return createKey(caller.organizationId(), userEmail, superuser, role);
    }

    private CreatedKey createKey(long organizationId, String userEmail, boolean superuser, KeyRole role) {
        String key = ApiKeys.generate();
        var now = clock.instant();
        long id = keys.insert(
                new ApiKeyRepository.NewKey(
                        organizationId, key, ApiKeys.displayPrefix(key), userEmail, superuser, role),
                now);
        return new CreatedKey(id, organizationId, key, userEmail, superuser, role, now);
    }

    List<ApiKeyView> keys(Caller caller) {
        requireAdmin(caller);
        return keys.list(caller.organizationId());
    }

    @Transactional
    public void revoke(Caller caller, long keyId) {
        requireAdmin(caller);
        Caller target = keys.findActive(caller.organizationId(), keyId)
                .orElseThrow(() -> new NotFound("API key " + keyId + " not found"));
        if (target.superuser() && !caller.superuser()) {
            throw new Forbidden("Only a superuser key may revoke a superuser key");
        }
        if (!keys.revoke(caller.organizationId(), keyId, clock.instant())) {
            throw new NotFound("API key " + keyId + " not found");
        }
        activeKeys.revoked(keyId);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new Forbidden("Only an admin key may create, list or revoke API keys; this key's role is member");
        }
    }
}
