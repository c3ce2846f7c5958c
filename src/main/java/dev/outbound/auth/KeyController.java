package dev.outbound.auth;

import dev.outbound.api.JsonFields;
import dev.outbound.api.Violations;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Extension endpoints: organizations and API keys. */
@RestController
@RequestMapping("/api/v1/outbound")
class KeyController {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** The api_key.user_email column (and every last_updated_by the key writes). */
    private static final int MAX_EMAIL = 320;

    private final Organizations organizations;

    KeyController(Organizations organizations) {
        this.organizations = organizations;
    }

    @PostMapping("/organizations")
    CreatedOrganization createOrganization(Caller caller, @RequestBody(required = false) @Nullable JsonNode body) {
        var v = new Violations();
        var f = JsonFields.body(body, v);
        String name = f.string("name", true);
        String adminEmail = email(f, "admin_email");
        if (name != null && (name.isBlank() || name.length() > 200)) {
            f.fail("name", "Name must be 1 to 200 characters", "value_error");
        }
        v.throwIfAny();
        return organizations.create(
                caller, java.util.Objects.requireNonNull(name).trim(), java.util.Objects.requireNonNull(adminEmail));
    }

    @PostMapping("/api-keys")
    CreatedKey createKey(Caller caller, @RequestBody(required = false) @Nullable JsonNode body) {
        var v = new Violations();
        var f = JsonFields.body(body, v);
        String email = email(f, "user_email");
        boolean superuser = Boolean.TRUE.equals(f.bool("superuser", false));
        KeyRole role = role(f, superuser);
        v.throwIfAny();
        return organizations.createKey(caller, java.util.Objects.requireNonNull(email), superuser, role);
    }

    /** Keys are members unless asked otherwise, so a new key cannot manage keys by accident. */
    private static KeyRole role(JsonFields f, boolean superuser) {
        String text = f.string("role", false);
        KeyRole fallback = superuser ? KeyRole.ADMIN : KeyRole.MEMBER;
        if (text == null) {
            return fallback;
        }
        var role = KeyRole.parse(text);
        if (role.isEmpty()) {
            f.fail("role", "Input should be 'admin' or 'member'", "enum");
            return fallback;
        }
        if (superuser && role.get() != KeyRole.ADMIN) {
            f.fail("role", "A superuser key is an admin key: leave role out or set it to 'admin'", "value_error");
        }
        return role.get();
    }

    @GetMapping("/api-keys")
    List<ApiKeyView> keys(Caller caller) {
        return organizations.keys(caller);
    }

    @DeleteMapping("/api-keys/{keyId}")
    Map<String, Object> revoke(Caller caller, @PathVariable long keyId) {
        organizations.revoke(caller, keyId);
        return Map.of("id", keyId, "revoked", true);
    }

    private static @Nullable String email(JsonFields f, String name) {
        String email = f.string(name, true);
        if (email != null && email.trim().length() > MAX_EMAIL) {
            f.fail(name, "String should have at most " + MAX_EMAIL + " characters", "string_too_long");
        } else if (email != null && !EMAIL.matcher(email.trim()).matches()) {
            f.fail(name, "Input should be an email address like user@example.com", "value_error");
        }
        return email == null ? null : email.trim();
    }
}
