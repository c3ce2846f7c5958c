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
    private final Clock clock;

    Organizations(OrganizationRepository organizations, ApiKeyRepository keys, Clock clock) {
        this.organizations = organizations;
        this.keys = keys;
        this.clock = clock;
    }

    /** Finds or creates the named organization; answers its id. */
    @Transactional
    public long ensure(String name) {
        return organizations.findByName(name).orElseGet(() -> organizations.insert(name, clock.instant()));
    }

    /** Makes a known clear key valid (idempotent): used for the bootstrap key. */
    @Transactional
    public void ensureKey(long organizationId, String key, String userEmail, boolean superuser) {
        if (!keys.exists(key)) {
            keys.insert(organizationId, key, userEmail, superuser, clock.instant());
        }
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
        return Optional.of(createKey(organizationId, userEmail, true));
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
        return new CreatedOrganization(id, name, createKey(id, adminEmail, false));
    }

    @Transactional
    public CreatedKey createKey(Caller caller, String userEmail, boolean superuser) {
        if (superuser && !caller.superuser()) {
            throw new Forbidden("Only a superuser key may create superuser keys");
        }
        return createKey(caller.organizationId(), userEmail, superuser);
    }

    private CreatedKey createKey(long organizationId, String userEmail, boolean superuser) {
        String key = ApiKeys.generate();
        var now = clock.instant();
        long id = keys.insert(organizationId, key, userEmail, superuser, now);
        return new CreatedKey(id, organizationId, key, userEmail, superuser, now);
    }

    List<ApiKeyView> keys(Caller caller) {
        return keys.list(caller.organizationId());
    }

    @Transactional
    public void revoke(Caller caller, long keyId) {
        if (!keys.revoke(caller.organizationId(), keyId, clock.instant())) {
            throw new NotFound("API key " + keyId + " not found");
        }
    }
}
