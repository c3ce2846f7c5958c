package dev.outbound.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The callers active keys stand for, by key hash, kept for {@code OUTBOUND_API_KEY_CACHE_TTL} so
 * that a busy key costs no query per request (it was one of three on GET of a batch). Only
 * active keys are kept: an unknown or revoked key is looked up every time (and counted by
 * {@link AuthFailures}), so a key made on another node works at once.
 *
 * <p>Revocation: the node that revokes a key drops it once the revocation has committed, so there
 * it stops at once; another node keeps accepting it until its entry expires, at most the TTL
 * after it was loaded. {@code 0s} turns the cache off.
 */
@Component
class ActiveKeys {
    /** Far more keys than are busy at once on one node; the least recently used go first. */
    private static final int MAX_KEYS = 10_000;

    private final ApiKeyRepository keys;
    private final Cache<String, Caller> callers;
    private final boolean enabled;

    @Autowired
    ActiveKeys(ApiKeyRepository keys, KeyProperties properties) {
        // The system's monotonic ticker, not the wall clock: a clock set back must not lengthen
        // how long a revoked key stays trusted.
        this(keys, properties, Ticker.systemTicker());
    }

    ActiveKeys(ApiKeyRepository keys, KeyProperties properties, Ticker ticker) {
        this.keys = keys;
        Duration ttl = properties.cacheTtl();
        this.enabled = ttl.isPositive();
        // Expire after write, not access: a busy key must still be looked up again within the TTL.
        this.callers = Caffeine.newBuilder()
                .maximumSize(MAX_KEYS)
                .ticker(ticker)
                .expireAfterWrite(enabled ? ttl : Duration.ofNanos(1))
                .build();
    }

    /** The caller an active key stands for; empty for an unknown or revoked key. */
    Optional<Caller> find(String key) {
        if (!enabled) {
            return keys.findActive(key);
        }
        String hash = ApiKeys.hash(key);
        Caller cached = callers.getIfPresent(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Caller> found = keys.findActiveByHash(hash);
        found.ifPresent(caller -> callers.put(hash, caller));
        return found;
    }

    /**
     * Forgets key {@code keyId} on this node, after the current transaction commits (a lookup
     * before the commit would still see it active and keep it).
     */
    void revoked(long keyId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget(keyId);
                }
            });
        } else {
            forget(keyId);
        }
    }

    private void forget(long keyId) {
        callers.asMap().values().removeIf(caller -> caller.keyId() == keyId);
    }
}
