package dev.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import java.util.Locale;
import java.util.Map;

/** Creates another organization with the superuser key and answers its admin's API key. */
final class SecondOrganization {
    private SecondOrganization() {}

    static String key(Api superuser, String name) {
        String email = "admin@" + name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example.com";
        var r = superuser.post("/api/v1/outbound/organizations", Map.of("name", name, "admin_email", email));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("admin_key").path("api_key").asString();
    }
}
