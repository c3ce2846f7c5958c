package dev.outbound.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Keys have roles: an admin key manages its organization's keys, a member key only uses the API,
 * only a superuser key revokes a superuser key, and an organization holds a bounded number of
 * keys. Each test works in an organization of its own.
 */
@StoreTest
@TestPropertySource(properties = "outbound.keys.max-per-organization=3")
class KeyRolesTest {
    private static final String KEYS = "/api/v1/outbound/api-keys";

    @LocalServerPort
    int port;

    Api superuser;
    Api admin;

    @BeforeEach
    void setUp() {
        superuser = Api.at(port);
        var org = superuser.post(
                "/api/v1/outbound/organizations",
                Map.of("name", "roles-" + System.nanoTime(), "admin_email", "admin@roles.example"));
        assertThat(org.status()).as(org.body()).isEqualTo(200);
        assertThat(org.json().path("admin_key").path("role").asString()).isEqualTo("admin");
        admin = superuser.withKey(org.json().path("admin_key").path("api_key").asString());
    }

    @Test
    void a_new_key_is_a_member_unless_asked_otherwise() {
        var member = admin.post(KEYS, Map.of("user_email", "m@roles.example"));
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        assertThat(member.json().path("role").asString()).isEqualTo("member");
        var second = admin.post(KEYS, Map.of("user_email", "a@roles.example", "role", "admin"));
        assertThat(second.json().path("role").asString()).isEqualTo("admin");
        assertThat(admin.get(KEYS).json())
                .extracting(k -> k.path("role").asString())
                .containsExactly("admin", "member", "admin");
    }

    @Test
    void a_member_key_uses_the_api_but_may_not_create_list_or_revoke_keys() {
        var created = admin.post(KEYS, Map.of("user_email", "m@roles.example"));
        var member = admin.withKey(created.json().path("api_key").asString());
        long adminId = admin.get(KEYS).json().get(0).path("id").asLong();

        assertThat(member.get("/api/v1/outbound/campaigns").status()).isEqualTo(200);
        var create = member.post(KEYS, Map.of("user_email", "x@roles.example", "role", "admin"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().path("detail").asString()).contains("admin key");
        assertThat(member.get(KEYS).status()).isEqualTo(403);
        assertThat(member.delete(KEYS + "/" + adminId).status()).isEqualTo(403);
        assertThat(admin.get(KEYS).json()).hasSize(2);
        assertThat(admin.get(KEYS).json().get(0).path("revoked_at").isNull()).isTrue();
    }

    @Test
    void only_a_superuser_key_may_revoke_a_superuser_key() {
        var made = superuser.post(KEYS, Map.of("user_email", "root2@example.com", "superuser", true));
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertThat(made.json().path("role").asString()).isEqualTo("admin");
        long superuserKeyId = made.json().path("id").asLong();
        long bootstrapId = superuser.get(KEYS).json().get(0).path("id").asLong();
        // The default organization's admin, not a superuser, tries to revoke both superuser keys.
        var defaultAdmin = superuser.withKey(superuser
                .post(KEYS, Map.of("user_email", "da@example.com", "role", "admin"))
                .json()
                .path("api_key")
                .asString());

        var refused = defaultAdmin.delete(KEYS + "/" + bootstrapId);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asString()).contains("superuser");
        assertThat(defaultAdmin.delete(KEYS + "/" + superuserKeyId).status()).isEqualTo(403);
        assertThat(superuser.get("/api/v1/outbound/campaigns").status()).isEqualTo(200);

        assertThat(superuser.delete(KEYS + "/" + superuserKeyId).status()).isEqualTo(200);
        assertThat(superuser
                        .withKey(made.json().path("api_key").asString())
                        .get("/api/v1/outbound/campaigns")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void an_admin_key_may_revoke_a_member_key() {
        var created = admin.post(KEYS, Map.of("user_email", "m@roles.example"));
        long id = created.json().path("id").asLong();
        assertThat(admin.delete(KEYS + "/" + id).status()).isEqualTo(200);
        assertThat(admin.withKey(created.json().path("api_key").asString())
                        .get("/api/v1/outbound/campaigns")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void an_organization_at_its_key_cap_gets_409_until_it_revokes_one() {
        assertThat(admin.post(KEYS, Map.of("user_email", "k1@roles.example")).status())
                .isEqualTo(200);
        var third = admin.post(KEYS, Map.of("user_email", "k2@roles.example"));
        assertThat(third.status()).isEqualTo(200);

        var refused = admin.post(KEYS, Map.of("user_email", "k3@roles.example"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("OUTBOUND_MAX_KEYS_PER_ORG", "3");
        assertThat(admin.get(KEYS).json()).hasSize(3);

        assertThat(admin.delete(KEYS + "/" + third.json().path("id").asLong()).status())
                .isEqualTo(200);
        assertThat(admin.post(KEYS, Map.of("user_email", "k3@roles.example")).status())
                .as("revoked keys do not count")
                .isEqualTo(200);
    }

    @Test
    void a_role_other_than_admin_or_member_and_a_member_superuser_are_422() {
        var unknown = superuser.post(KEYS, Map.of("user_email", "r@example.com", "role", "owner"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("role", "'admin' or 'member'");
        var contradiction =
                superuser.post(KEYS, Map.of("user_email", "r@example.com", "superuser", true, "role", "member"));
        assertThat(contradiction.status()).isEqualTo(422);
        assertThat(contradiction.body()).contains("role");
    }
}
