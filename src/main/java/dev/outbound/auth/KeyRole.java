package dev.outbound.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What a key may do within its organization. A superuser key is always an admin key. */
public enum KeyRole {
    /** Uses the API and manages the organization's keys. */
    ADMIN,
    /** Uses the API; may not create, list or revoke keys. */
    MEMBER;

    /** The name in JSON and in the {@code api_key.role} column. */
    @JsonValue
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<KeyRole> parse(String value) {
        for (KeyRole role : values()) {
            if (role.wire().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    static KeyRole fromColumn(String value) {
        return parse(value).orElseThrow(() -> new IllegalStateException("Unknown key role in the store: " + value));
    }
}
