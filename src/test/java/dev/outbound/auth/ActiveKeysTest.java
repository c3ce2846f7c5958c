package dev.outbound.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-node cache of active keys: a looked-up key is trusted for the TTL without another
 * query; a revocation made on this node ends it at once, one made elsewhere (the table changed
 * under the cache) within the TTL; unknown keys are never kept.
 */
class ActiveKeysTest {
    private static final String KEY = "ob_test-key-0123456789012345678901234567890";
    private static final Caller CALLER = new Caller(1, "a@example.com", false, 7, KeyRole.ADMIN);

    private final Table table = new Table();
    private long nanos;
    private final ActiveKeys keys = new ActiveKeys(table, new KeyProperties(100, Duration.ofSeconds(10)), () -> nanos);

    @Test
    void a_key_looked_up_once_is_not_looked_up_again_within_the_ttl() {
        table.active.put(ApiKeys.hash(KEY), CALLER);

        assertThat(keys.find(KEY)).contains(CALLER);
        nanos += Duration.ofSeconds(9).toNanos();
        assertThat(keys.find(KEY)).contains(CALLER);

        assertThat(table.lookups).isEqualTo(1);
    }

    @Test
    void a_key_revoked_on_another_node_is_refused_once_the_ttl_has_passed() {
        table.active.put(ApiKeys.hash(KEY), CALLER);
        assertThat(keys.find(KEY)).isPresent();

        table.active.clear();
        assertThat(keys.find(KEY)).as("still trusted within the TTL").isPresent();
        nanos += Duration.ofSeconds(10).toNanos();
        assertThat(keys.find(KEY)).isEmpty();
    }

    @Test
    void a_key_revoked_on_this_node_is_refused_at_once() {
        table.active.put(ApiKeys.hash(KEY), CALLER);
        assertThat(keys.find(KEY)).isPresent();

        table.active.clear();
        keys.revoked(CALLER.keyId());

        assertThat(keys.find(KEY)).isEmpty();
    }

    @Test
    void an_unknown_key_is_looked_up_every_time_so_a_key_made_elsewhere_works_at_once() {
        assertThat(keys.find(KEY)).isEmpty();
        table.active.put(ApiKeys.hash(KEY), CALLER);

        assertThat(keys.find(KEY)).contains(CALLER);
        assertThat(table.lookups).isEqualTo(2);
    }

    @Test
    void a_zero_ttl_looks_the_key_up_on_every_request() {
        var uncached = new ActiveKeys(table, new KeyProperties(100, Duration.ZERO), () -> nanos);
        table.active.put(ApiKeys.hash(KEY), CALLER);

        uncached.find(KEY);
        uncached.find(KEY);

        assertThat(table.lookups).isEqualTo(2);
    }

    /** The api_key table as a map of active hashes, counting lookups. */
    private static final class Table extends ApiKeyRepository {
        final Map<String, Caller> active = new HashMap<>();
        int lookups;

        Table() {
            super(JdbcClient.create(new org.springframework.jdbc.datasource.SimpleDriverDataSource()));
        }

        @Override
        Optional<Caller> findActiveByHash(String keyHash) {
            lookups++;
            return Optional.ofNullable(active.get(keyHash));
        }
    }
}
